package dev.quarry.mcp;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stable addresses of documents and chunks as MCP resources: {@code quarry://COLLECTION/documents/ID} and
 * {@code quarry://COLLECTION/chunks/ID}. The id is percent-encoded as one segment (a document id holds slashes), so a
 * URI names the same passage for as long as its file is indexed under the same path.
 */
final class ResourceUris {

    static final String DOCUMENTS = "quarry://{collection}/documents/{id}";
    static final String CHUNKS = "quarry://{collection}/chunks/{id}";

    private static final Pattern URI = Pattern.compile("quarry://([^/]+)/(documents|chunks)/([^/]+)");

    /** What a URI names: a chunk, or a whole document. */
    record Named(String collection, String id, boolean chunk) {
    }

    private ResourceUris() {
    }

    static String document(String collection, String docId) {
        return "quarry://" + encode(collection) + "/documents/" + encode(docId);
    }

    static String chunk(String collection, String chunkId) {
        return "quarry://" + encode(collection) + "/chunks/" + encode(chunkId);
    }

    static Optional<Named> parse(String uri) {
        Matcher m = URI.matcher(uri);
        if (!m.matches()) return Optional.empty();
        return Optional.of(new Named(decode(m.group(1)), decode(m.group(3)), m.group(2).equals("chunks")));
    }

    private static String encode(String part) {
        // URLEncoder writes form encoding: a space is %20 in a URI, and ~ (which every chunk id has) is unreserved.
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20").replace("%7E", "~");
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
