package dev.quarry.index.solr;

/** Field names of Quarry's Solr schema ({@code solr-configset/schema.xml}), in one place. */
final class SolrFields {

    /** The unique key, in the URL-safe form {@code guide.md~3}. */
    static final String CHUNK_ID = "chunk_id";
    /** The router field: a document's chunks live on one shard. */
    static final String DOC_ID = "doc_id";
    static final String PATH = "path";
    static final String TITLE = "title";
    static final String SECTION = "section";
    static final String TEXT = "text";
    /** Title, section and text analyzed together for BM25; not stored. */
    static final String CONTENT = "content";
    static final String VECTOR = "vector";
    static final String START = "start";
    static final String END = "end";
    static final String PAGE = "page";
    static final String ORDINAL = "ordinal";
    /** The document's number of chunks, on each of them. */
    static final String CHUNK_COUNT = "chunk_count";
    static final String CONTENT_HASH = "content_hash";
    static final String MODIFIED = "modified";
    static final String TYPE = "type";
    static final String TAGS = "tags";
    /** The manifest and sources, on the one document that is not a chunk. */
    static final String META = "quarry_meta";
    /** Solr's own version of a document, which an update may name to be applied only while it is unchanged. */
    static final String VERSION = "_version_";

    /** The stored fields of a chunk without its vector, as a field list. */
    static final String CHUNK_FIELDS = String.join(",", CHUNK_ID, DOC_ID, PATH, TITLE, SECTION, TEXT, START, END, PAGE,
            CONTENT_HASH, MODIFIED, TYPE, TAGS);

    private SolrFields() {
    }
}
