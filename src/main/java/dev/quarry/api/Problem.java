package dev.quarry.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem document; {@code field} names the request field at fault, when there is one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Problem(String type, String title, int status, String detail, String field) {
}
