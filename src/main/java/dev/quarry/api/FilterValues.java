package dev.quarry.api;

import dev.quarry.error.Suggestions;
import dev.quarry.ingest.parse.Parsers;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Filter values as users write them, turned into what the index stores: document types by extension or type name,
 * and times as epoch milliseconds or ISO-8601 text. Each failure is a 400 naming the field with what it accepts.
 */
final class FilterValues {

    static final String TIME_FORMS = "epoch milliseconds (1714521600000), a date (2024-05-01, a whole day in UTC) or a"
            + " date-time with an offset (2024-05-01T10:00:00Z, 2024-05-01T12:00:00+02:00)";

    private FilterValues() {
    }

    /** The stored types {@code names} mean ({@code md} and {@code .Markdown} are both {@code markdown}), once each. */
    static List<String> types(String field, List<String> names) {
        Set<String> types = new LinkedHashSet<>();
        for (String name : names) {
            types.add(Parsers.type(name).orElseThrow(() -> {
                String suggestion = Suggestions.closest(name.strip().replaceFirst("^\\.", ""), Parsers.typeNames())
                        .map(s -> "; did you mean '" + s + "'? ").orElse(". ");
                return ApiException.badRequest(field, field + ": unknown document type '" + name + "'" + suggestion
                        + "Valid: " + String.join(", ", Parsers.typeNames()) + " (any case, with or without a leading dot)");
            }));
        }
        return List.copyOf(types);
    }

    /**
     * Epoch milliseconds from text: digits as they are, a date as the first millisecond of that day in UTC, or with
     * {@code endOfDay} its last (so {@code modifiedTo: 2024-05-01} keeps files changed that day), a date-time by its
     * offset. A date-time without an offset is refused rather than read in some time zone the caller did not name.
     */
    static long time(String field, String text, boolean endOfDay) {
        String value = text.strip();
        try {
            if (value.matches("-?\\d{1,18}")) return Long.parseLong(value);
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                if (!endOfDay) return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
                return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - 1;
            }
            return OffsetDateTime.parse(value).toInstant().toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw ApiException.badRequest(field, field + " must be " + TIME_FORMS + ", got '" + text + "'" + noOffset(value));
        }
    }

    private static String noOffset(String value) {
        try {
            LocalDateTime.parse(value);
            return ": add Z for UTC or the offset, such as +02:00";
        } catch (DateTimeParseException e) {
            return "";
        }
    }
}
