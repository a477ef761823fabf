package dev.quarry.collection;

import dev.quarry.chunk.ChunkSettings;
import dev.quarry.embed.EmbeddingConfig;
import dev.quarry.error.QuarryException;
import dev.quarry.index.VectorFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a collection is: its name, the folders it is filled from, the model that embeds it, how it is chunked and how
 * its index keeps the vectors.
 */
public record CollectionSpec(String name, List<Source> sources, EmbeddingConfig embedding, ChunkSettings chunking,
                             VectorFormat vectors) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    /** Folders of the data directory that are not collections. */
    private static final Set<String> RESERVED = Set.of("logs");

    public CollectionSpec {
        checkCollectionName(name);
        sources = List.copyOf(sources);
        if (vectors == null) throw new IllegalArgumentException("vectors must be float or int7");
        for (int i = 0; i < sources.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (sources.get(i).name().equals(sources.get(j).name())) {
                    throw new QuarryException(QuarryException.Kind.INVALID, "sources", "collection '" + name
                            + "' names the source '" + sources.get(i).name() + "' twice");
                }
            }
        }
    }

    /** A collection's name: it becomes a folder of the data directory, so the log folder's name is taken. */
    public static String checkCollectionName(String name) {
        checkName(name, "name");
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new QuarryException(QuarryException.Kind.INVALID, "name", "'" + name + "' is the data folder's log"
                    + " folder; choose another collection name");
        }
        return name;
    }

    /** Collection and source names: they become folder names and document id prefixes. */
    public static String checkName(String name, String field) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new QuarryException(QuarryException.Kind.INVALID, field, field + " must be 1-64 letters, digits, '-' or '_'"
                    + " starting with a letter or digit (got '" + name + "')");
        }
        return name;
    }

    public Optional<Source> source(String sourceName) {
        return sources.stream().filter(s -> s.name().equals(sourceName)).findFirst();
    }

    /**
     * The source that holds {@code folder} (a real path), or a new one named {@code sourceName} (default: the folder's
     * own name). {@code mayBeUnnamed}: a collection without sources takes its first folder as its unnamed source, as
     * an index filled from one folder always has.
     */
    public Source sourceFor(Path folder, String sourceName, boolean mayBeUnnamed) {
        for (Source s : sources) {
            if (folder.startsWith(realFolder(s.folder())) && (sourceName == null || sourceName.equals(s.name()))) return s;
        }
        if (sourceName == null && sources.isEmpty() && mayBeUnnamed) return new Source("", folder);
        String named = sourceName != null ? sourceName : defaultSourceName(folder);
        source(named).ifPresent(s -> {
            throw new QuarryException(QuarryException.Kind.CONFLICT, "source", "collection '" + name + "' already has a"
                    + " source '" + named + "', filled from " + s.folder() + ": give this folder another source name");
        });
        return new Source(named, folder);
    }

    private static String defaultSourceName(Path folder) {
        String base = folder.getFileName() == null ? "root" : folder.getFileName().toString();
        String cleaned = base.replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("^[-_]+", "").toLowerCase(Locale.ROOT);
        return cleaned.isEmpty() ? "source" : cleaned.substring(0, Math.min(64, cleaned.length()));
    }

    private static Path realFolder(Path folder) {
        try {
            return folder.toRealPath();
        } catch (IOException e) {
            return folder;
        }
    }

    public CollectionSpec withSource(Source source) {
        List<Source> more = new ArrayList<>(sources);
        more.add(source);
        return new CollectionSpec(name, more, embedding, chunking, vectors);
    }

    /** The same collection embedded by another model or chunked otherwise: what a reindex or rollback makes live. */
    public CollectionSpec withModel(EmbeddingConfig newEmbedding, ChunkSettings newChunking) {
        return new CollectionSpec(name, sources, newEmbedding, newChunking, vectors);
    }
}
