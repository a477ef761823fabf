package dev.quarry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem document; {@code field} names the request field at fault, when there is one. A content filter's
 * problem names the {@code blocklist} that matched, or the {@code categories} a deployment's own filter gave.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record Problem(String type, String title, int status, String detail, String field, String blocklist, List<String> categories) {

    Problem(String type, String title, int status, String detail, String field) {
        this(type, title, status, detail, field, null, List.of());
    }
}
