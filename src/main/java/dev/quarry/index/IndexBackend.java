package dev.quarry.index;

import dev.quarry.index.solr.SolrSettings;

/** Which engine holds a collection's chunks: a Lucene index in the data folder (the default) or a SolrCloud collection. */
public sealed interface IndexBackend {

    IndexBackend LUCENE = new Lucene();

    record Lucene() implements IndexBackend {
    }

    /** The Solr collection, or once rebuilt the alias that points to it, is named after Quarry's collection. */
    record Solr(SolrSettings settings) implements IndexBackend {
    }
}
