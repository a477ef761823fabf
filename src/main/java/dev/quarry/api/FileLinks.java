package dev.quarry.api;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived signed links to a document's original file. A browser opening a file in a new tab (a PDF at its page, a
 * page at its passage) cannot send the API key header, so a caller with a key asks for a link first: it names one
 * document, expires after {@link #LIFETIME}, and is signed with a secret that lives only as long as this server.
 */
final class FileLinks {

    static final String FILE_ROUTE = "/v1/documents/<id>/file";
    static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec secret;
    private final Clock clock;

    FileLinks(Clock clock) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.secret = new SecretKeySpec(key, HMAC);
        this.clock = clock;
    }

    /** A link to {@code docId}'s file, valid until {@code expires} (epoch seconds). */
    record Link(String url, long expires) {
    }

    Link link(String collection, String docId) {
        long expires = clock.instant().plus(LIFETIME).getEpochSecond();
        String path = Stream.of(docId.split("/", -1)).map(FileLinks::encode).collect(Collectors.joining("/"));
        return new Link("/v1/documents/" + path + "/file?collection=" + encode(collection) + "&expires=" + expires
                + "&signature=" + sign(collection, docId, expires), expires);
    }

    /** Whether the request is for the file route with a valid, unexpired signature for the document it names. */
    boolean admits(Context ctx) {
        var endpoint = ctx.endpoints().matchedHttpEndpoint();
        if (endpoint == null || !endpoint.path.equals(FILE_ROUTE)) return false;
        return valid(ctx.queryParam("collection"), ctx.pathParam("id"), ctx.queryParam("expires"), ctx.queryParam("signature"));
    }

    /** Whether {@code signature} signs {@code docId} of {@code collection} until {@code expires}, and that time has not passed. */
    boolean valid(String collection, String docId, String expires, String signature) {
        if (signature == null || expires == null || collection == null) return false;
        long until;
        try {
            until = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            return false;
        }
        if (until < clock.instant().getEpochSecond()) return false;
        byte[] expected = sign(collection, docId, until).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(String collection, String docId, long expires) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(secret);
            byte[] digest = mac.doFinal((expires + "\n" + collection + "\n" + docId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
