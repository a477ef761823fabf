package dev.quarry.api;

import dev.quarry.error.QuarryException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A request that cannot be served as asked, with the headers its problem response must carry. */
final class ApiException extends QuarryException {

    private final Map<String, String> headers = new LinkedHashMap<>();

    ApiException(Kind kind, String detail, String field) {
        super(kind, field, detail);
    }

    static ApiException badRequest(String field, String detail) {
        return new ApiException(Kind.INVALID, detail, field);
    }

    static ApiException unauthorized(String field, String detail) {
        return new ApiException(Kind.UNAUTHORIZED, detail, field);
    }

    static ApiException forbidden(String field, String detail) {
        return new ApiException(Kind.FORBIDDEN, detail, field);
    }

    static ApiException notFound(String detail) {
        return new ApiException(Kind.NOT_FOUND, detail, null);
    }

    static ApiException tooLarge(String field, String detail) {
        return new ApiException(Kind.TOO_LARGE, detail, field);
    }

    /** A header the problem response must carry, such as {@code Retry-After}. */
    ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    Map<String, String> headers() {
        return headers;
    }
}
