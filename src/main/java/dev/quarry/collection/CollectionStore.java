package dev.quarry.collection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.chunk.ChunkSettings;
import dev.quarry.embed.BundledModels;
import dev.quarry.embed.EmbeddingConfig;
import dev.quarry.error.Choices;
import dev.quarry.error.QuarryException;
import dev.quarry.index.IndexException;
import dev.quarry.index.IndexLocation;
import dev.quarry.index.VectorFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where collections are kept: {@code <data>/<name>/collection.json} describes one (its sources, model, chunking and vectors)
 * beside its index generations. A collection's model is recorded by id: the configured model, or a bundled one.
 */
final class CollectionStore {

    static final String FILE = "collection.json";

    private final Path dataDir;
    private final EmbeddingConfig configured;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    CollectionStore(Path dataDir, EmbeddingConfig configured) {
        this.dataDir = dataDir;
        this.configured = configured;
    }

    /** Every stored collection, by name. */
    List<CollectionSpec> load() {
        if (!Files.isDirectory(dataDir)) return List.of();
        List<CollectionSpec> specs = new ArrayList<>();
        try (Stream<Path> folders = Files.list(dataDir)) {
            for (Path folder : folders.sorted().toList()) {
                Path file = folder.resolve(FILE);
                if (Files.isRegularFile(file)) specs.add(read(file, folder.getFileName().toString()));
            }
        } catch (IOException e) {
            throw new IndexException("cannot list the collections in " + dataDir + ": " + e.getMessage(), e);
        }
        return specs;
    }

    boolean exists(String name) {
        return Files.exists(dataDir.resolve(name));
    }

    /** Written to a temporary file and renamed, so a crash leaves the old description or the new one. */
    void save(CollectionSpec spec) {
        ObjectNode root = json.createObjectNode();
        root.put("name", spec.name());
        root.put("model", spec.embedding().modelId());
        ObjectNode chunking = root.putObject("chunking");
        chunking.put("maxTokens", spec.chunking().maxTokens());
        chunking.put("overlapTokens", spec.chunking().overlapTokens());
        chunking.put("headingContext", spec.chunking().headingContext());
        root.put("vectors", Choices.label(spec.vectors()));
        ArrayNode sources = root.putArray("sources");
        for (Source s : spec.sources()) sources.addObject().put("name", s.name()).put("folder", s.folder().toString());
        Path folder = dataDir.resolve(spec.name());
        try {
            Files.createDirectories(folder);
            Path tmp = folder.resolve(FILE + ".tmp");
            json.writeValue(tmp.toFile(), root);
            Files.move(tmp, folder.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IndexException("cannot write " + folder.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the collection's folder: its description and every index generation. */
    void delete(String name) {
        new IndexLocation(dataDir, name).deleteAll();
    }

    /** Reads a description as the collection {@code name}'s, wherever it lies (a restore reads one before it is in place). */
    CollectionSpec read(Path file, String name) {
        try {
            JsonNode root = json.readTree(file.toFile());
            JsonNode c = root.path("chunking");
            ChunkSettings chunking = new ChunkSettings(c.path("maxTokens").asInt(), c.path("overlapTokens").asInt(),
                    c.path("headingContext").asBoolean(true));
            List<Source> sources = new ArrayList<>();
            for (JsonNode s : root.path("sources")) sources.add(new Source(s.path("name").asText(), Path.of(s.path("folder").asText())));
            // Collections described before the setting existed hold float vectors.
            VectorFormat vectors = Choices.parse(VectorFormat.class, root.path("vectors").asText("float"),
                    problem -> new IllegalArgumentException("vectors " + problem));
            return new CollectionSpec(name, sources, embedding(root.path("model").asText(), file.toString()), chunking, vectors);
        } catch (IOException | RuntimeException e) {
            throw new IndexException("cannot read the collection description " + file + ": " + e.getMessage(), e);
        }
    }

    /** The embedding configuration of a model named by id: the configured model, or a bundled one run in-process. */
    EmbeddingConfig embedding(String modelId, String field) {
        if (modelId == null || modelId.isBlank() || modelId.equals(configured.modelId())) return configured;
        var bundled = BundledModels.find(modelId).orElseThrow(() -> new QuarryException(QuarryException.Kind.INVALID, field,
                "model '" + modelId + "' is neither the configured model (" + configured.modelId() + ") nor a bundled one "
                        + BundledModels.ids()));
        return EmbeddingConfig.Onnx.like(configured, bundled);
    }
}
