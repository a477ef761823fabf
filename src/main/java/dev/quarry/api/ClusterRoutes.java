package dev.quarry.api;

import dev.quarry.cluster.ClusterExport;
import dev.quarry.cluster.ClusterReport;
import dev.quarry.cluster.ClusterSettings;
import dev.quarry.cluster.Clusterer;
import dev.quarry.cluster.NearDuplicates;
import dev.quarry.collection.Lease;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/** {@code GET /v1/clusters} and {@code GET /v1/duplicates}. */
final class ClusterRoutes {

    private final Scope scope;

    /** Both routes read the collection from the query parameter {@code collection}. */
    ClusterRoutes(Scope scope) {
        this.scope = scope;
    }

    void register(RoutesConfig routes) {
        routes.get("/v1/clusters", this::clusters, Access.READER);
        routes.get("/v1/duplicates", this::duplicates, Access.READER);
    }

    private void clusters(Context ctx) throws Exception {
        ClusterSettings.Level level = QueryParams.choice(ctx, "level", ClusterSettings.Level.class, ClusterSettings.Level.DOCUMENT);
        String k = ctx.queryParamAsClass("k", String.class).getOrDefault("auto");
        Integer fixedK = null;
        if (!k.equals("auto")) {
            try {
                fixedK = Integer.parseInt(k);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("k", "k must be auto or a whole number in 1..200, got '" + k + "'");
            }
            if (fixedK < 1 || fixedK > 200) throw ApiException.badRequest("k", "k must be auto or a whole number in 1..200, got " + fixedK);
        }
        long seed = QueryParams.longValue(ctx, "seed", 42);
        ClusterExport format = QueryParams.choice(ctx, "format", ClusterExport.class, ClusterExport.JSON);
        ClusterReport report;
        try (Lease lease = scope.fromQuery(ctx).lease()) {
            report = new Clusterer(lease.index()).cluster(new ClusterSettings(level, fixedK, 2, 20, seed));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("index", e.getMessage());
        }
        ctx.contentType(format.contentType());
        if (format != ClusterExport.JSON) ctx.header("Content-Disposition", "attachment; filename=\"" + format.fileName(report) + "\"");
        format.write(report, ctx.outputStream());
    }

    private void duplicates(Context ctx) {
        String raw = ctx.queryParamAsClass("threshold", String.class).getOrDefault(Double.toString(NearDuplicates.DEFAULT_THRESHOLD));
        double threshold;
        try {
            threshold = Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("threshold", "threshold must be a number in (0, 1], got '" + raw + "'");
        }
        if (!(threshold > 0 && threshold <= 1)) throw ApiException.badRequest("threshold", "threshold must be in (0, 1], got " + threshold);
        try (Lease lease = scope.fromQuery(ctx).lease()) {
            ctx.json(new DuplicatesResponse(threshold, new NearDuplicates(lease.index()).find(threshold)));
        }
    }

    record DuplicatesResponse(double threshold, List<NearDuplicates.Group> groups) {
    }
}
