package dev.quarry.index;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chunk ids: the document's id, {@code ~} and the chunk's number in the document, such as {@code guide.md~3}. A
 * {@code ~} is unreserved in URLs (RFC 3986), so an id pasted into {@code /v1/chunks/…} in a browser or curl arrives
 * whole, where the older {@code guide.md#3} lost its number as a fragment and looked up something else. Document ids
 * end in a file extension, so the last {@code ~} followed only by digits always separates the number, even when a file
 * name holds a {@code ~} or a {@code #} of its own. The older form is still understood where an id is read.
 */
public final class ChunkIds {

    public static final char SEPARATOR = '~';
    /** The form indexes store, and ids given out before {@code ~}. */
    public static final char OLD_SEPARATOR = '#';

    private static final Pattern CHUNK_ID = Pattern.compile("(.+)[~#](\\d{1,9})");

    /** What a chunk id names. */
    public record Parts(String docId, int ordinal) {
    }

    private ChunkIds() {
    }

    public static String of(String docId, int ordinal) {
        return docId + SEPARATOR + ordinal;
    }

    /** The document and number {@code chunkId} names, in either form; empty when it has no chunk number. */
    public static Optional<Parts> parse(String chunkId) {
        Matcher m = CHUNK_ID.matcher(chunkId);
        return m.matches() ? Optional.of(new Parts(m.group(1), Integer.parseInt(m.group(2)))) : Optional.empty();
    }

    /** {@code chunkId} in the older form ({@code guide.md#3}); an id with no chunk number as it is. */
    public static String oldForm(String chunkId) {
        return parse(chunkId).map(p -> p.docId() + OLD_SEPARATOR + p.ordinal()).orElse(chunkId);
    }

    /** {@code chunkId} in the URL-safe form ({@code guide.md~3}); an id with no chunk number as it is. */
    public static String urlSafe(String chunkId) {
        return parse(chunkId).map(p -> of(p.docId(), p.ordinal())).orElse(chunkId);
    }
}
