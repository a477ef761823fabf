package dev.quarry.index.solr;

import dev.quarry.index.HnswSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.common.util.ContentStreamBase;
import org.apache.solr.common.util.NamedList;

/** Creates and finds Quarry's collections in a SolrCloud, each with a configset of its own. */
final class SolrCollections {

    private final SolrNodes nodes;

    SolrCollections(SolrNodes nodes) {
        this.nodes = nodes;
    }

    /** Whether a collection or an alias of that name exists: a rebuilt collection is served through an alias. */
    boolean exists(String name) {
        return collections().contains(name) || aliases().containsKey(name);
    }

    List<String> collections() {
        Object names = nodes.request(new CollectionAdminRequest.List(), null).get("collections");
        return names instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    /** Each alias with the collections it points to, comma-separated, as Solr lists them. */
    Map<String, String> aliases() {
        Map<String, String> aliases = new LinkedHashMap<>();
        entries(nodes.request(new CollectionAdminRequest.ListAliases(), null).get("aliases"))
                .forEach((alias, collections) -> aliases.put(alias, String.valueOf(collections)));
        return aliases;
    }

    /** The collection that holds the chunks of {@code name}: the one its alias points to, or {@code name} itself. */
    String physical(String name) {
        return aliases().getOrDefault(name, name);
    }

    /** Points the alias {@code alias} at {@code collection}, creating it or moving it in one step. */
    void pointAlias(String alias, String collection) {
        nodes.request(CollectionAdminRequest.createAlias(alias, collection), null);
    }

    /**
     * Uploads the collection's configset (named after it, {@code quarry-<collection>}) and creates the collection,
     * routed by document id so that a document's chunks share one shard.
     */
    void create(String collection, int dimensions, HnswSettings hnsw, SolrSettings settings) {
        String configset = configsetOf(collection);
        ConfigSetAdminRequest.Upload upload = new ConfigSetAdminRequest.Upload()
                .setUploadStream(new ContentStreamBase.ByteArrayStream(SolrConfigset.zip(dimensions, hnsw),
                        configset + ".zip", "application/zip"))
                .setOverwrite(true);
        upload.setConfigSetName(configset);
        nodes.request(upload, null);
        nodes.request(CollectionAdminRequest.createCollection(collection, configset, settings.shards(), settings.replicas())
                .setRouterField(SolrFields.DOC_ID), null);
    }

    /**
     * Deletes what holds the Quarry collection {@code name}: its alias, the collection named {@code name} and the
     * generations ({@link SolrGenerations}) of it, one a rebuild left unfinished included, and their configsets.
     */
    void delete(String name) {
        if (aliases().containsKey(name)) nodes.request(CollectionAdminRequest.deleteAlias(name), null);
        List<String> configsets = configsets();
        for (String collection : SolrGenerations.all(name, collections())) deleteCollection(collection, configsets);
        deleteCollection(name, configsets);
    }

    /** Deletes one collection and its configset, those that exist. */
    void deleteCollection(String collection, List<String> configsets) {
        if (collections().contains(collection)) nodes.request(CollectionAdminRequest.deleteCollection(collection), null);
        String configset = configsetOf(collection);
        if (configsets.contains(configset)) {
            ConfigSetAdminRequest.Delete delete = new ConfigSetAdminRequest.Delete();
            delete.setConfigSetName(configset);
            nodes.request(delete, null);
        }
    }

    List<String> configsets() {
        Object names = nodes.request(new ConfigSetAdminRequest.List(), null).get("configSets");
        return names instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    /** The field the collection's documents are routed to shards by; null: their unique key. */
    String routerField(String name) {
        String collection = physical(name);
        NamedList<Object> status = nodes.request(CollectionAdminRequest.getClusterStatus().setCollectionName(collection), null);
        Object field = child(child(child(child(status.get("cluster"), "collections"), collection), "router"), "field");
        return field == null ? null : field.toString();
    }

    /**
     * What keeps the collection from serving fully: shards without an active replica on a live node (searches would
     * miss their chunks, writes to them fail) and replicas that are not active (one node fewer to fail over to).
     */
    List<String> problems(String name) {
        String collection = physical(name);
        NamedList<Object> status = nodes.request(CollectionAdminRequest.getClusterStatus().setCollectionName(collection), null);
        Object cluster = status.get("cluster");
        List<?> live = child(cluster, "live_nodes") instanceof List<?> names ? names : List.of();
        Map<String, Object> shards = entries(child(child(child(cluster, "collections"), collection), "shards"));
        if (shards.isEmpty()) return List.of("Solr reports no shards for the collection '" + collection + "'");
        List<String> problems = new ArrayList<>();
        shards.forEach((shard, shardState) -> {
            int serving = 0;
            for (var replica : entries(child(shardState, "replicas")).entrySet()) {
                String node = String.valueOf(child(replica.getValue(), "node_name"));
                Object state = child(replica.getValue(), "state");
                if (!live.contains(node)) {
                    problems.add("Solr replica " + replica.getKey() + " of shard " + shard + " is on " + node + ", which is down");
                } else if (!"active".equals(state)) {
                    problems.add("Solr replica " + replica.getKey() + " of shard " + shard + " on " + node + " is " + state);
                } else {
                    serving++;
                }
            }
            if (serving == 0) problems.add("shard " + shard + " of the Solr collection '" + collection + "' has no active replica");
        });
        return problems;
    }

    /**
     * The bytes of one copy of the collection: the size of every segment of each shard's leader, as Solr's collection
     * status reports them (it reads every core's segment infos, which takes a while on a large collection).
     */
    long bytes(String name) {
        String collection = physical(name);
        NamedList<Object> status = nodes.request(CollectionAdminRequest.collectionStatus(collection).setWithSegments(true), null);
        long bytes = 0;
        for (Object shard : entries(child(child(status, collection), "shards")).values()) {
            for (Object segment : entries(child(child(child(shard, "leader"), "segInfos"), "segments")).values()) {
                if (child(segment, "sizeInBytes") instanceof Number n) bytes += n.longValue();
            }
        }
        return bytes;
    }

    /** A value in Solr's response, whose levels come as named lists or maps depending on the response format. */
    private static Object child(Object node, String key) {
        if (node instanceof NamedList<?> list) return list.get(key);
        if (node instanceof Map<?, ?> map) return map.get(key);
        return null;
    }

    private static Map<String, Object> entries(Object node) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (node instanceof NamedList<?> list) list.forEach(out::put);
        if (node instanceof Map<?, ?> map) map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    static String configsetOf(String collection) {
        return "quarry-" + collection;
    }
}
