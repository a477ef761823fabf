package dev.quarry.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.index.ChunkIds;
import dev.quarry.index.IndexedChunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Writes a Quarry index with Lucene 9, as a Quarry of the previous Lucene major left it: the chunks given, a segment
 * per document, and the commit user data given (the manifest and sources). The writer runs in a JVM of its own from
 * the {@code solr-cluster} build ({@code dev.quarry.lucene9.WriteLucene9Index}), on the Lucene 9 that Solr brings.
 */
public final class Lucene9Index {

    private static final String MAIN = "dev.quarry.lucene9.WriteLucene9Index";
    /** Generous: the JVM starts and writes a few chunks in seconds, on a machine that may be busy. */
    private static final long BOUND_MINUTES = 3;

    private Lucene9Index() {
    }

    /**
     * {@code derivedFrom}: an older Lucene version (such as {@code 8.11.4}) the index and its segments are recorded as
     * carried on from, as when Lucene 9 kept an index Lucene 8 first wrote; null: a plain Lucene 9 index.
     */
    public static void write(Path dir, Map<String, String> userData, List<List<IndexedChunk>> documents, String derivedFrom) {
        try {
            Path input = Files.createTempFile("quarry-lucene9-", ".json");
            Path log = Files.createTempFile("quarry-lucene9-", ".log");
            try {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("userData", userData);
                if (derivedFrom != null) json.put("derivedFrom", derivedFrom);
                json.put("documents", documents.stream().map(Lucene9Index::asStored).toList());
                new ObjectMapper().writeValue(input.toFile(), json);
                Process process = Lucene9Build.java(MAIN, List.of("-Xmx256m"), dir.toString(), input.toString())
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!process.waitFor(BOUND_MINUTES, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("the Lucene 9 index writer did not finish within " + BOUND_MINUTES + " min");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("the Lucene 9 index writer failed:\n" + Files.readString(log, StandardCharsets.UTF_8));
                }
            } finally {
                Files.deleteIfExists(input);
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the Lucene 9 index writer ran", e);
        }
    }

    /** Each chunk as Quarry stores it: its id in the stored form (see {@code ChunkDocuments}). */
    private static List<Map<String, Object>> asStored(List<IndexedChunk> chunks) {
        ObjectMapper mapper = new ObjectMapper();
        List<Map<String, Object>> stored = new ArrayList<>();
        for (IndexedChunk c : chunks) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = mapper.convertValue(c, Map.class);
            fields.put("chunkId", ChunkIds.oldForm(c.chunkId()));
            stored.add(fields);
        }
        return stored;
    }
}
