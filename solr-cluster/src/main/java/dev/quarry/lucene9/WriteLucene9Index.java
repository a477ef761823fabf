package dev.quarry.lucene9;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexFileNames;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.Version;

/**
 * Writes a Quarry chunk index with Lucene 9, for Quarry's tests that an index of the previous Lucene major is read,
 * searched and upgraded. Quarry's own classes cannot run here (they need Lucene 10), so the document layout is
 * written out again after {@code dev.quarry.index.lucene.ChunkDocuments}: the same fields, types, analyzer and
 * vector similarity, in Lucene 9's default codec (HNSW vectors in its {@code Lucene99HnswVectorsFormat}).
 *
 * <p>Arguments: the index folder (must not hold an index) and a JSON file
 * {@code {"userData": {...}, "derivedFrom": "8.11.4", "documents": [[chunk, ...], ...]}}, where each chunk has the
 * fields of Quarry's {@code IndexedChunk}. Each document is committed on its own, so the index has a segment per
 * document; the user data (Quarry's manifest and sources) goes with every commit. {@code derivedFrom}, when given,
 * makes the index one that Lucene 9 carried on from an older Lucene (see {@link #deriveFrom}).
 */
public final class WriteLucene9Index {

    private WriteLucene9Index() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: WriteLucene9Index <index folder> <chunks.json>");
            System.exit(2);
        }
        JsonNode input = new ObjectMapper().readTree(Files.readString(Path.of(args[1])));
        Map<String, String> userData = new LinkedHashMap<>();
        input.path("userData").fields().forEachRemaining(e -> userData.put(e.getKey(), e.getValue().asText()));
        Version derivedFrom = input.has("derivedFrom") ? Version.parse(input.get("derivedFrom").asText()) : null;
        IndexWriterConfig config = new IndexWriterConfig(new EnglishAnalyzer()).setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        if (derivedFrom != null) config.setIndexCreatedVersionMajor(derivedFrom.major);
        try (FSDirectory directory = FSDirectory.open(Path.of(args[0]))) {
            try (IndexWriter writer = new IndexWriter(directory, config)) {
                for (JsonNode chunks : input.path("documents")) {
                    List<Document> docs = new ArrayList<>();
                    for (int i = 0; i < chunks.size(); i++) docs.add(toDocument(chunks.get(i), i));
                    writer.updateDocuments(new Term("doc_id", chunks.get(0).get("docId").asText()), docs);
                    writer.setLiveCommitData(userData.entrySet());
                    writer.commit();
                }
            }
            if (derivedFrom != null) deriveFrom(directory, derivedFrom);
        }
    }

    /**
     * Records every segment as derived from {@code oldest}, as Lucene 9 records a segment it merged from segments an
     * older Lucene wrote (Lucene 10 refuses such segments as too old). Lucene 8 itself is not available to write one:
     * the segment's info file is written again by the segment's own codec, with that oldest version, and the same id
     * the commit names it by.
     */
    private static void deriveFrom(Directory directory, Version oldest) throws IOException {
        for (SegmentCommitInfo segment : SegmentInfos.readLatestCommit(directory)) {
            SegmentInfo info = segment.info;
            SegmentInfo derived = new SegmentInfo(directory, info.getVersion(), oldest, info.name, info.maxDoc(),
                    info.getUseCompoundFile(), info.getHasBlocks(), info.getCodec(), info.getDiagnostics(), info.getId(),
                    info.getAttributes(), info.getIndexSort());
            derived.setFiles(info.files());
            directory.deleteFile(IndexFileNames.segmentFileName(info.name, "", "si"));
            info.getCodec().segmentInfoFormat().write(directory, derived, IOContext.DEFAULT);
        }
    }

    /** The fields of {@code ChunkDocuments.toDocument}, one for one. */
    private static Document toDocument(JsonNode c, int ordinal) {
        String docId = c.get("docId").asText();
        String title = c.get("title").asText();
        String section = c.get("section").asText();
        String text = c.get("text").asText();
        String contentHash = c.get("contentHash").asText();
        long modified = c.get("modified").asLong();
        Document d = new Document();
        d.add(new StringField("chunk_id", c.get("chunkId").asText(), Field.Store.YES));
        d.add(new StringField("doc_id", docId, Field.Store.YES));
        d.add(new SortedDocValuesField("doc_id", new BytesRef(docId)));
        d.add(new StringField("path", c.get("path").asText(), Field.Store.YES));
        d.add(new StoredField("title", title));
        d.add(new StoredField("section", section));
        d.add(new StoredField("text", text));
        d.add(new TextField("content", String.join("\n", title, section, text), Field.Store.NO));
        d.add(new KnnFloatVectorField("vector", vector(c.get("vector")), VectorSimilarityFunction.DOT_PRODUCT));
        d.add(new StoredField("start", c.get("start").asInt()));
        d.add(new StoredField("end", c.get("end").asInt()));
        d.add(new StoredField("page", c.get("page").asInt()));
        d.add(new IntPoint("ordinal", ordinal));
        d.add(new StoredField("ordinal", ordinal));
        d.add(new NumericDocValuesField("ordinal", ordinal));
        d.add(new StringField("content_hash", contentHash, Field.Store.YES));
        d.add(new SortedDocValuesField("content_hash", new BytesRef(contentHash)));
        d.add(new LongPoint("modified", modified));
        d.add(new StoredField("modified", modified));
        d.add(new StringField("type", c.get("type").asText(), Field.Store.YES));
        for (JsonNode tag : c.path("tags")) d.add(new StringField("tags", tag.asText(), Field.Store.YES));
        return d;
    }

    private static float[] vector(JsonNode values) {
        float[] v = new float[values.size()];
        for (int i = 0; i < v.length; i++) v[i] = (float) values.get(i).asDouble();
        return v;
    }
}
