package dev.quarry.index.solr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.index.IndexManifest;
import java.util.Map;
import java.util.TreeMap;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;

/**
 * What a Lucene index keeps in its commit, kept in one document of the collection that is not a chunk: the manifest
 * and the sources. It is written with every commit, so it changes with the chunks it describes. Its document id
 * starts with {@code /}, which no document id (a relative path) does.
 */
record SolrMeta(Map<String, String> manifest, Map<String, String> sources) {

    static final String ID = "/quarry";
    private static final ObjectMapper JSON = new ObjectMapper();

    SolrMeta {
        manifest = Map.copyOf(manifest);
        sources = Map.copyOf(sources);
    }

    static SolrMeta of(IndexManifest manifest, Map<String, String> sources) {
        return new SolrMeta(manifest.toMap(), sources);
    }

    SolrInputDocument toDocument() {
        SolrInputDocument d = new SolrInputDocument();
        d.addField(SolrFields.CHUNK_ID, ID);
        d.addField(SolrFields.DOC_ID, ID);
        try {
            d.addField(SolrFields.META, JSON.writeValueAsString(Map.of("manifest", new TreeMap<>(manifest),
                    "sources", new TreeMap<>(sources))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return d;
    }

    /** The manifest and sources of the document read back from the collection. */
    static SolrMeta read(SolrDocument document) {
        try {
            Map<String, Map<String, String>> m = JSON.readValue((String) document.getFirstValue(SolrFields.META),
                    new TypeReference<>() {
            });
            return new SolrMeta(m.getOrDefault("manifest", Map.of()), m.getOrDefault("sources", Map.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the manifest document of the Solr collection is not Quarry's: " + e.getMessage(), e);
        }
    }
}
