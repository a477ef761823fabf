package dev.quarry.index.solr;

import dev.quarry.index.ChunkIndex;
import dev.quarry.index.HnswSettings;
import dev.quarry.index.IndexException;
import dev.quarry.index.IndexManifest;
import java.util.List;
import java.util.Map;
import org.apache.solr.common.SolrDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rebuild of a Solr-backed collection that keeps it searchable: the chunks go into a new Solr collection, the next
 * {@link SolrGenerations generation} (the configured shards and replicas, a configset of its own, as the model may
 * have changed), while the live one serves; {@link #promote} then points the alias named after the Quarry collection
 * at it in one step, so searches move over between two requests, and deletes the collection it replaced.
 */
public final class SolrRebuild implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SolrRebuild.class);

    private final String name;
    private final String next;
    private final SolrNodes nodes;
    private final SolrCollections collections;
    private final SolrChunkIndex index;

    private SolrRebuild(String name, String next, SolrNodes nodes, SolrChunkIndex index) {
        this.name = name;
        this.next = next;
        this.nodes = nodes;
        this.collections = new SolrCollections(nodes);
        this.index = index;
    }

    /** Creates the next generation of the Quarry collection {@code name}, empty but for {@code manifest}. */
    public static SolrRebuild start(SolrSettings settings, String name, IndexManifest manifest, HnswSettings hnsw) {
        SolrNodes nodes = new SolrNodes(settings);
        try {
            SolrCollections collections = new SolrCollections(nodes);
            List<String> existing = collections.collections();
            String live = collections.physical(name);
            List<String> unfinished = SolrGenerations.all(name, existing).stream().filter(c -> !c.equals(live)).toList();
            if (!unfinished.isEmpty()) {
                log.warn("The Solr collections {} are left by rebuilds of '{}' that did not finish, or one that runs now;"
                        + " deleting the collection deletes them too", unfinished, name);
            }
            String next = SolrGenerations.of(name, SolrGenerations.next(name, existing));
            log.info("Rebuilding '{}' into the Solr collection '{}' while {} serves", name, next,
                    existing.contains(live) ? "'" + live + "'" : "nothing");
            return new SolrRebuild(name, next, nodes, SolrChunkIndex.open(settings, next, manifest, hnsw));
        } catch (RuntimeException e) {
            nodes.close();
            throw e;
        }
    }

    /** The new generation, to fill. */
    public ChunkIndex index() {
        return index;
    }

    /** The Solr collection the rebuild fills. */
    public String collection() {
        return next;
    }

    /**
     * The sources the live collection records: every process that ingested into it named its folders there, and a
     * rebuild must fill them all.
     */
    public Map<String, String> liveSources() {
        if (!collections.exists(name)) return Map.of();
        SolrDocument meta = new SolrReads(nodes, name).meta();
        return meta == null ? Map.of() : SolrMeta.read(meta).sources();
    }

    /**
     * Makes the new generation live: the alias {@code name} points to it from the next request on, and the collection
     * that served before is deleted. A collection created before rebuilds (or by its administrators) is named
     * {@code name} itself, and an alias cannot share a collection's name: that collection is deleted first, and the
     * requests that come before the alias exists wait for it ({@link SolrNodes#request}).
     */
    public void promote() {
        index.commit();
        String old = collections.physical(name);
        List<String> configsets = collections.configsets();
        boolean named = collections.collections().contains(name);
        if (named) {
            log.info("Moving '{}' under an alias: deleting the Solr collection '{}' it replaces first", name, name);
            collections.deleteCollection(name, configsets);
        }
        try {
            collections.pointAlias(name, next);
        } catch (IndexException e) {
            throw new IndexException("the Solr collection '" + next + "' holds the rebuilt '" + name + "', but the alias"
                    + " could not point to it: create it with admin/collections?action=CREATEALIAS&name=" + name
                    + "&collections=" + next + " (" + e.getMessage() + ")", e);
        }
        if (!old.equals(name)) collections.deleteCollection(old, configsets);
        log.info("The Solr alias '{}' points to '{}'{}", name, next, old.equals(name) && !named ? "" : "; '" + old + "' is deleted");
    }

    /** Deletes the new generation, which never served: the rebuild failed or was stopped. */
    public void discard() {
        collections.deleteCollection(next, collections.configsets());
        log.info("Deleted the unfinished Solr collection '{}'; '{}' serves as before", next, name);
    }

    @Override
    public void close() {
        index.close();
        nodes.close();
    }
}
