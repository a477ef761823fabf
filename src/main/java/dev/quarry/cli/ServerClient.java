package dev.quarry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.error.QuarryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server of a data folder, as the command line calls it: a search, an answer or clusters take one HTTP
 * request instead of loading the model and opening the index in a new process. A server's problem JSON becomes the
 * failure it described, so the command says the same and exits as it would have in-process.
 */
final class ServerClient {

    private static final Logger log = LoggerFactory.getLogger(ServerClient.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

    /** The server could not be reached before anything was sent back: the command runs in-process instead. */
    static final class Unreachable extends Exception {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final URI base;
    private final String token;
    private final ObjectMapper json = new ObjectMapper();

    private ServerClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /**
     * The server serving {@code dataDir}, if one is running and speaks plain HTTP. A server with TLS is left alone: its
     * certificate is usually made for the name clients use, not for this machine's loopback address.
     */
    private static Optional<ServerClient> of(Path dataDir) {
        Optional<ServerFile> file = ServerFile.live(dataDir);
        if (file.isEmpty()) return Optional.empty();
        URI url = URI.create(file.get().url());
        if (!url.getScheme().equals("http")) {
            log.info("The server at {} uses TLS; this command runs in-process instead", url);
            return Optional.empty();
        }
        return Optional.of(new ServerClient(url, file.get().token()));
    }

    URI base() {
        return base;
    }

    /** What a command does through a server; it may find the server gone. */
    @FunctionalInterface
    interface Call<T> {
        T apply(ServerClient server) throws Unreachable;
    }

    /**
     * {@code call} through the running server of {@code dataDir}; empty when {@code noServer}, when none runs, or when
     * it cannot be reached (said in the log), and the command then runs in-process.
     */
    static <T> Optional<T> through(Path dataDir, boolean noServer, Call<T> call) {
        Optional<ServerClient> server = noServer ? Optional.empty() : of(dataDir);
        if (server.isEmpty()) return Optional.empty();
        try {
            return Optional.of(call.apply(server.get()));
        } catch (Unreachable e) {
            log.info("{}; this command runs in-process instead", e.getMessage());
            return Optional.empty();
        }
    }

    /** POSTs {@code body} as JSON and reads the JSON answer. */
    JsonNode post(String path, Object body) throws Unreachable {
        try (InputStream in = send("POST", path, body, "application/json")) {
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the answer of " + base + path + " failed: " + e.getMessage(), e);
        }
    }

    /** POSTs {@code body} as JSON and returns the response body as it streams (Server-Sent Events). */
    InputStream postForStream(String path, Object body) throws Unreachable {
        return send("POST", path, body, "text/event-stream");
    }

    /** GETs {@code path} with {@code query} parameters (nulls left out) and reads the answer as {@code type}. */
    <T> T get(String path, Map<String, Object> query, Class<T> type) throws Unreachable {
        StringJoiner params = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((name, value) -> {
            if (value != null) params.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
        });
        try (InputStream in = send("GET", path + params, null, "application/json")) {
            return json.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the answer of " + base + path + " failed: " + e.getMessage(), e);
        }
    }

    /** DELETEs {@code path}; the answer has no body. */
    void delete(String path) throws Unreachable {
        try (InputStream ignored = send("DELETE", path, null, "application/json")) {
            // Read to the end by closing: 204 has nothing to read.
        } catch (IOException e) {
            throw new UncheckedIOException("reading the answer of " + base + path + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * One request on a connection of its own. {@link HttpURLConnection}, not {@code java.net.http.HttpClient}: the
     * client builds a TLS context and a selector thread before its first request, which took a quarter of the time of
     * a search through the server; this speaks to a loopback address over plain HTTP only.
     */
    private InputStream send(String method, String pathAndQuery, Object body, String accept) throws Unreachable {
        HttpURLConnection connection;
        try {
            connection = (HttpURLConnection) base.resolve(pathAndQuery).toURL().openConnection(Proxy.NO_PROXY);
            connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            connection.setRequestMethod(method);
            connection.setRequestProperty("Authorization", "Bearer " + token);
            connection.setRequestProperty("Accept", accept);
            if (body != null) {
                byte[] bytes = json.writeValueAsBytes(body);
                // Not in streaming mode: there the connection drops the body of a 401, which carries the problem.
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json");
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(bytes);
                }
            }
            int status = connection.getResponseCode();
            if (status < 400) return connection.getInputStream();
            throw problem(status, connection.getErrorStream());
        } catch (ConnectException | SocketTimeoutException e) {
            throw new Unreachable("the server at " + base + " did not answer: " + e, e);
        } catch (IOException e) {
            // The connection closed before an answer: a server that is stopping.
            throw new Unreachable("the server at " + base + " closed the connection: " + e, e);
        }
    }

    /** The failure a problem JSON response describes, with the kind its status stands for. */
    private QuarryException problem(int status, InputStream body) {
        String detail = "the server at " + base + " answered HTTP " + status;
        String field = null;
        if (body != null) {
            try (InputStream in = body) {
                JsonNode problem = json.readTree(in);
                if (problem != null && problem.hasNonNull("detail")) detail = problem.get("detail").asText();
                if (problem != null && problem.hasNonNull("field")) field = problem.get("field").asText();
            } catch (IOException e) {
                // Not problem JSON (a proxy's page): the status alone is said.
            }
        }
        return new QuarryException(kind(status), field, detail);
    }

    /** The kind of failure an HTTP status stands for: the inverse of the API's own mapping. */
    static QuarryException.Kind kind(int status) {
        return switch (status) {
            case 400 -> QuarryException.Kind.INVALID;
            case 401 -> QuarryException.Kind.UNAUTHORIZED;
            case 403 -> QuarryException.Kind.FORBIDDEN;
            case 404 -> QuarryException.Kind.NOT_FOUND;
            case 409 -> QuarryException.Kind.CONFLICT;
            case 413 -> QuarryException.Kind.TOO_LARGE;
            case 429 -> QuarryException.Kind.TOO_MANY_REQUESTS;
            case 502 -> QuarryException.Kind.UPSTREAM;
            case 503 -> QuarryException.Kind.UNAVAILABLE;
            case 504 -> QuarryException.Kind.UPSTREAM_TIMEOUT;
            case 507 -> QuarryException.Kind.INSUFFICIENT_STORAGE;
            default -> status < 500 ? QuarryException.Kind.INVALID : QuarryException.Kind.INTERNAL;
        };
    }
}
