package dev.quarry.index.lucene;

/** Lucene field names of the chunk index, in one place. */
final class IndexFields {

    /** Stored as {@code guide.md#3}, read as {@code guide.md~3}: see {@link ChunkDocuments}. */
    static final String CHUNK_ID = "chunk_id";
    static final String DOC_ID = "doc_id";
    static final String PATH = "path";
    static final String TITLE = "title";
    static final String SECTION = "section";
    /** The chunk's text, stored for display. */
    static final String TEXT = "text";
    /** Title, section and text analyzed together for BM25, as IR practice indexes title and body in one field. */
    static final String CONTENT = "content";
    static final String VECTOR = "vector";
    static final String START = "start";
    static final String END = "end";
    static final String PAGE = "page";
    static final String ORDINAL = "ordinal";
    static final String CONTENT_HASH = "content_hash";
    static final String MODIFIED = "modified";
    static final String TYPE = "type";
    static final String TAGS = "tags";

    private IndexFields() {
    }
}
