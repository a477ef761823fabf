package dev.quarry.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** A request that cannot be served, with the HTTP status and the problem to report. */
final class ApiException extends RuntimeException {

    private final int status;
    private final String title;
    private final String field;
    private final Map<String, String> headers = new LinkedHashMap<>();

    ApiException(int status, String title, String detail, String field) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
    }

    static ApiException badRequest(String field, String detail) {
        return new ApiException(400, "Invalid request", detail, field);
    }

    static ApiException forbidden(String field, String detail) {
        return new ApiException(403, "Forbidden", detail, field);
    }

    static ApiException notFound(String detail) {
        return new ApiException(404, "Not found", detail, null);
    }

    /** A header the problem response must carry, such as {@code Retry-After}. */
    ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    Map<String, String> headers() {
        return headers;
    }

    static ApiException tooLarge(String field, String detail) {
        return new ApiException(413, "Request too large", detail, field);
    }

    int status() {
        return status;
    }

    String title() {
        return title;
    }

    String field() {
        return field;
    }
}
