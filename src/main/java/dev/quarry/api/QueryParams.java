package dev.quarry.api;

import dev.quarry.error.Choices;
import io.javalin.http.Context;

/** Typed query parameters, each failure a 400 problem that names the parameter, as body fields are. */
final class QueryParams {

    private QueryParams() {
    }

    static long longValue(Context ctx, String name, long fallback) {
        String raw = ctx.queryParam(name);
        if (raw == null) return fallback;
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name, name + " must be a whole number, got '" + raw + "'");
        }
    }

    static int integer(Context ctx, String name, int fallback, int min, int max) {
        long value = longValue(ctx, name, fallback);
        if (value < min || value > max) throw ApiException.badRequest(name, name + " must be in " + min + ".." + max + ", got " + value);
        return (int) value;
    }

    /** One of an enum's constants, named in any case. */
    static <E extends Enum<E>> E choice(Context ctx, String name, Class<E> type, E fallback) {
        String raw = ctx.queryParam(name);
        if (raw == null) return fallback;
        return Choices.parse(type, raw, problem -> ApiException.badRequest(name, name + " " + problem));
    }
}
