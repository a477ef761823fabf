package dev.quarry.tune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.search.FusionSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A collection's tuning profiles, in {@code <collection>/tuning/}: one {@code profile-<version>.json} per run
 * (never rewritten), and {@code active}, the version searches use, or none. Every file is written beside itself
 * and renamed, so a crash leaves the old state or the new one.
 */
public final class TuningProfiles {

    private static final Pattern FILE = Pattern.compile("profile-(\\d+)\\.json");
    private static final String ACTIVE = "active";

    private final Path folder;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public TuningProfiles(Path collectionFolder) {
        this.folder = collectionFolder.resolve("tuning");
    }

    /** Stores a new version of the report; does not activate it. */
    public synchronized TuningProfile save(TuningReport report, String modelId, Instant now) {
        int version = list().stream().mapToInt(TuningProfile::version).max().orElse(0) + 1;
        TuningProfile profile = new TuningProfile(version, now, modelId, report);
        write(folder.resolve("profile-" + version + ".json"), json(profile));
        return profile;
    }

    public synchronized List<TuningProfile> list() {
        if (!Files.isDirectory(folder)) return List.of();
        List<TuningProfile> profiles = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                if (FILE.matcher(f.getFileName().toString()).matches()) profiles.add(read(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        profiles.sort((x, y) -> Integer.compare(x.version(), y.version()));
        return profiles;
    }

    public synchronized Optional<TuningProfile> get(int version) {
        Path f = folder.resolve("profile-" + version + ".json");
        return Files.isRegularFile(f) ? Optional.of(read(f)) : Optional.empty();
    }

    /** What the {@code active} file names: a version, none, or null when there is no file. */
    synchronized String activeName() {
        Path f = folder.resolve(ACTIVE);
        try {
            return Files.isRegularFile(f) ? Files.readString(f, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    /** The profile searches use, if any. */
    public synchronized Optional<TuningProfile> active() {
        String v = activeName();
        if (v == null || v.equals("none")) return Optional.empty();
        try {
            return get(Integer.parseInt(v));
        } catch (NumberFormatException e) {
            throw new IllegalStateException(folder.resolve(ACTIVE) + " names no profile: " + v, e);
        }
    }

    /** Makes {@code version} the profile searches use; null for none (untuned). */
    public synchronized void activate(Integer version) {
        if (version != null && get(version).isEmpty()) {
            throw new IllegalArgumentException("there is no tuning profile " + version);
        }
        write(folder.resolve(ACTIVE), version == null ? "none" : Integer.toString(version));
    }

    private void write(Path target, String content) {
        try {
            Files.createDirectories(folder);
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private String json(TuningProfile p) {
        TuningReport r = p.report();
        ObjectNode root = json.createObjectNode();
        root.put("version", p.version());
        root.put("created", p.created().toString());
        root.put("model", p.modelId());
        ObjectNode training = root.putObject("training");
        training.put("queries", r.queries());
        training.put("relevantJudgments", r.relevantJudgments());
        training.put("skippedQueries", r.skippedQueries());
        training.put("folds", r.folds());
        training.put("millis", r.trainingMillis());
        ObjectNode heldOut = root.putObject("heldOut");
        heldOut(heldOut.putObject("untunedVector"), r.untunedVector());
        heldOut(heldOut.putObject("tunedVector"), r.tunedVector());
        heldOut(heldOut.putObject("untunedHybrid"), r.untunedHybrid());
        heldOut(heldOut.putObject("tunedHybrid"), r.tunedHybrid());
        ObjectNode fusion = root.putObject("fusion");
        fusion.put("method", r.fusion().method().name().toLowerCase(Locale.ROOT));
        fusion.put("k", r.fusion().rrfK());
        fusion.put("vectorWeight", r.fusion().vectorWeight());
        ObjectNode adapter = root.putObject("adapter");
        adapter.put("dimensions", r.adapter().dimensions());
        adapter.put("rank", r.adapter().rank());
        adapter.put("a", encode(r.adapter().a()));
        adapter.put("b", encode(r.adapter().b()));
        try {
            return json.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A profile file read on its own, such as one copied from another collection's {@code tuning/} folder. */
    public static TuningProfile readFile(Path file) {
        return new TuningProfiles(file.getParent() == null ? Path.of(".") : file.getParent()).read(file);
    }

    private TuningProfile read(Path file) {
        try {
            JsonNode root = json.readTree(file.toFile());
            JsonNode t = root.path("training");
            JsonNode h = root.path("heldOut");
            JsonNode f = root.path("fusion");
            JsonNode a = root.path("adapter");
            QueryAdapter adapter = new QueryAdapter(a.path("dimensions").asInt(), a.path("rank").asInt(),
                    decode(a.path("a").asText()), decode(a.path("b").asText()));
            FusionSettings fusion = new FusionSettings(FusionSettings.Method.valueOf(f.path("method").asText().toUpperCase(Locale.ROOT)),
                    f.path("k").asInt(), f.path("vectorWeight").asDouble());
            TuningReport report = new TuningReport(t.path("queries").asInt(), t.path("relevantJudgments").asInt(),
                    t.path("skippedQueries").asInt(), t.path("folds").asInt(), heldOut(h.path("untunedVector")),
                    heldOut(h.path("tunedVector")), heldOut(h.path("untunedHybrid")), heldOut(h.path("tunedHybrid")),
                    adapter, fusion, t.path("millis").asLong());
            Matcher m = FILE.matcher(file.getFileName().toString());
            if (!m.matches() || Integer.parseInt(m.group(1)) != root.path("version").asInt()) {
                throw new IllegalStateException("version does not match the file name");
            }
            return new TuningProfile(root.path("version").asInt(), Instant.parse(root.path("created").asText()),
                    root.path("model").asText(), report);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the tuning profile " + file + ": " + e.getMessage(), e);
        }
    }

    private static void heldOut(ObjectNode n, HeldOut h) {
        n.put("ndcg10", h.ndcg10());
        n.put("recall100", h.recall100());
    }

    private static HeldOut heldOut(JsonNode n) {
        return new HeldOut(n.path("ndcg10").asDouble(), n.path("recall100").asDouble());
    }

    private static String encode(float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES);
        for (float v : values) bytes.putFloat(v);
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    private static float[] decode(String text) {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(text));
        float[] values = new float[bytes.remaining() / Float.BYTES];
        for (int i = 0; i < values.length; i++) values[i] = bytes.getFloat();
        return values;
    }
}
