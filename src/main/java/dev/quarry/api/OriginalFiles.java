package dev.quarry.api;

import dev.quarry.error.QuarryException;
import dev.quarry.index.ChunkIndex;
import dev.quarry.ingest.IngestRoots;
import dev.quarry.ingest.parse.Parsers;
import dev.quarry.safety.Screened;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds the file a document was ingested from: its id resolved against the folder the index was filled from, to its
 * real path, which must lie inside that folder and inside one of the server's ingest roots, so neither a link nor
 * {@code ..} in an id reaches any other file. The file of a document whose text was redacted at ingest is refused.
 */
final class OriginalFiles {

    /** How each indexed format is served: its content type, and whether a browser can show it. */
    record Format(String contentType, boolean inline) {
    }

    private static final Map<String, Format> FORMATS = Map.of(
            "md", new Format("text/markdown; charset=utf-8", true),
            "markdown", new Format("text/markdown; charset=utf-8", true),
            "txt", new Format("text/plain; charset=utf-8", true),
            "text", new Format("text/plain; charset=utf-8", true),
            "html", new Format("text/html", true),
            "htm", new Format("text/html", true),
            "pdf", new Format("application/pdf", true),
            "docx", new Format("application/vnd.openxmlformats-officedocument.wordprocessingml.document", false));

    /** A document's file and how to serve it. */
    record Original(Path file, Format format) {
        boolean isHtml() {
            return format.contentType().startsWith("text/html");
        }
    }

    private final IngestRoots roots;

    OriginalFiles(IngestRoots roots) {
        this.roots = roots;
    }

    Original find(ChunkIndex index, String docId) {
        var chunks = index.documentChunks(docId);
        if (chunks.isEmpty()) throw ApiException.notFound("no document with id '" + docId + "'");
        if (chunks.getFirst().tags().contains(Screened.REDACTED_TAG)) {
            throw ApiException.forbidden(null, "document '" + docId + "' had personal data or secrets redacted at ingest;"
                    + " its original file still holds them and is not served");
        }
        Map<String, String> sources = index.sources();
        int slash = docId.indexOf('/');
        String named = slash > 0 ? docId.substring(0, slash) : null;
        boolean prefixed = named != null && sources.containsKey(named);
        String source = sources.get(prefixed ? named : "");
        if (source == null) {
            throw ApiException.notFound("the folder document '" + docId + "' was ingested from is not recorded in this index");
        }
        String relative = prefixed ? docId.substring(slash + 1) : docId;
        try {
            Path folder = Path.of(source).toRealPath();
            Path file = folder.resolve(relative).toRealPath();
            if (!file.startsWith(folder) || roots.roots().stream().noneMatch(file::startsWith) || !Files.isRegularFile(file)) {
                throw ApiException.forbidden(null, "the file of document '" + docId
                        + "' is not inside an ingest root of this server (ingest.roots, or the folder given to serve)");
            }
            Format format = FORMATS.getOrDefault(Parsers.extension(file), new Format("application/octet-stream", false));
            return new Original(file, format);
        } catch (NoSuchFileException e) {
            throw ApiException.notFound("the file of document '" + docId + "' is no longer in " + source);
        } catch (IOException e) {
            throw new ApiException(QuarryException.Kind.UNAVAILABLE, "reading the file of document '" + docId + "' failed: "
                    + e.getMessage(), null);
        }
    }
}
