package dev.quarry.api;

import dev.quarry.error.QuarryException;
import dev.quarry.collection.Collection;
import dev.quarry.collection.Collections;
import dev.quarry.security.ApiKeys;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Supplier;

/**
 * The collections a request may use. A collection outside the caller's key scope is answered exactly as one that does
 * not exist, so a scoped key cannot learn which other collections there are.
 */
final class Scope {

    private final Supplier<Collections> collections;

    /** {@code collections}: waits, while the server starts, until they are open. */
    Scope(Supplier<Collections> collections) {
        this.collections = collections;
    }

    Collections collections() {
        return collections.get();
    }

    /**
     * The collection {@code name}, checked against the caller's scope. Without a name: the default collection, or
     * the one collection a scoped key may use.
     */
    Collection one(Context ctx, String name, String field) {
        return one((ApiKeys.Caller) ctx.attribute(Gate.CALLER), name, field);
    }

    /** As {@link #one(Context, String, String)} for a caller known otherwise (an MCP tool call); null: no keys. */
    Collection one(ApiKeys.Caller caller, String name, String field) {
        String wanted = name != null ? name : defaultFor(caller, field);
        if (caller != null && !caller.mayUse(wanted)) throw notFound(wanted, field);
        return collections().get(wanted).orElseThrow(() -> notFound(wanted, field));
    }

    /** The collection named by the query parameter {@code collection}. */
    Collection fromQuery(Context ctx) {
        return one(ctx, ctx.queryParam("collection"), "collection");
    }

    /** Each named collection once, in the order named. */
    List<Collection> many(Context ctx, List<String> names, String field) {
        return many((ApiKeys.Caller) ctx.attribute(Gate.CALLER), names, field);
    }

    List<Collection> many(ApiKeys.Caller caller, List<String> names, String field) {
        if (names.isEmpty()) throw ApiException.badRequest(field, field + " must name at least one collection");
        List<Collection> found = new ArrayList<>();
        for (String name : new LinkedHashSet<>(names)) found.add(one(caller, name, field));
        return found;
    }

    /** Every collection the caller may use. */
    List<Collection> visible(Context ctx) {
        return visible((ApiKeys.Caller) ctx.attribute(Gate.CALLER));
    }

    List<Collection> visible(ApiKeys.Caller caller) {
        return collections().all().stream().filter(c -> caller == null || caller.mayUse(c.name())).toList();
    }

    private String defaultFor(ApiKeys.Caller caller, String field) {
        String fallback = collections().defaultName();
        if (caller == null || caller.mayUse(fallback)) return fallback;
        if (caller.collections().size() == 1) return caller.collections().iterator().next();
        throw ApiException.badRequest(field, "name a collection in " + field + ": this key may use "
                + caller.collections().stream().sorted().toList());
    }

    private static ApiException notFound(String name, String field) {
        return new ApiException(QuarryException.Kind.NOT_FOUND, "no collection named '" + name + "'", field);
    }
}
