package dev.quarry.collection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.error.QuarryException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A snapshot's manifest, {@code quarry-snapshot.json}: what it holds, file by file with SHA-256. The same text is kept
 * in the store and leads every archive, so an archive is checked against it before anything is restored.
 */
final class SnapshotManifest {

    static final String FILE = "quarry-snapshot.json";
    private static final String FORMAT = "quarry-snapshot";
    private static final int VERSION = 1;
    /** Paths a snapshot may hold: nothing can be unpacked outside the folder it is restored into. */
    private static final Pattern PATH = Pattern.compile(
            "index/[A-Za-z0-9_.-]+|collection\\.json|judgments\\.jsonl|tuning/[A-Za-z0-9_-][A-Za-z0-9_.-]*");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SnapshotManifest() {
    }

    static boolean allowedPath(String path) {
        return PATH.matcher(path).matches();
    }

    static byte[] write(Snapshot s) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT).put("version", VERSION).put("id", s.id()).put("collection", s.collection())
                .put("created", s.created().toString()).put("documents", s.documents()).put("chunks", s.chunks())
                .put("model", s.model()).put("addedBytes", s.addedBytes());
        ObjectNode manifest = root.putObject("manifest");
        new TreeMap<>(s.manifest()).forEach(manifest::put);
        var files = root.putArray("files");
        for (Snapshot.SnapshotFile f : s.files()) {
            ObjectNode file = files.addObject().put("path", f.path()).put("size", f.size()).put("sha256", f.sha256());
            if (f.luceneChecksum() != Snapshot.SnapshotFile.NO_CHECKSUM) file.put("luceneChecksum", f.luceneChecksum());
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("a manifest always serializes", e);
        }
    }

    /** Reads a manifest; {@code where} names its origin in the message that refuses one Quarry did not write. */
    static Snapshot read(byte[] text, String where) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw foreign(where, FILE + " is not JSON");
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) throw foreign(where, FILE + " does not say format \"" + FORMAT + "\"");
        int version = root.path("version").asInt(-1);
        if (version != VERSION) {
            throw foreign(where, "it is of snapshot format version " + root.path("version") + ", and this Quarry reads version " + VERSION);
        }
        Map<String, String> manifest = new LinkedHashMap<>();
        root.path("manifest").properties().forEach(e -> manifest.put(e.getKey(), e.getValue().asText()));
        List<Snapshot.SnapshotFile> files = new ArrayList<>();
        for (JsonNode f : root.path("files")) {
            String path = f.path("path").asText();
            String sha = f.path("sha256").asText();
            long size = f.path("size").asLong(-1);
            if (!allowedPath(path) || !SHA256.matcher(sha).matches() || size < 0) {
                throw foreign(where, "its manifest lists a file Quarry does not write: " + f);
            }
            files.add(new Snapshot.SnapshotFile(path, size, sha, f.path("luceneChecksum").asLong(Snapshot.SnapshotFile.NO_CHECKSUM)));
        }
        try {
            return new Snapshot(root.path("id").asText(), root.path("collection").asText(), Instant.parse(root.path("created").asText()),
                    root.path("documents").asInt(), root.path("chunks").asInt(), root.path("model").asText(), manifest, files,
                    root.path("addedBytes").asLong());
        } catch (RuntimeException e) {
            throw foreign(where, "its manifest is incomplete: " + e.getMessage());
        }
    }

    static QuarryException foreign(String where, String why) {
        return new QuarryException(QuarryException.Kind.INVALID, "snapshot", where + " is not a Quarry snapshot this"
                + " version can restore: " + why);
    }
}
