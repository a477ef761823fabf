package dev.quarry.api;

import dev.quarry.collection.Collection;
import dev.quarry.error.QuarryException;
import dev.quarry.security.ApiKeys;
import dev.quarry.tune.Judgment;
import dev.quarry.tune.TuneJobs;
import dev.quarry.tune.TuningProfile;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A collection's judged queries ({@code …/judgments}: writers see, add and delete them), its tuning runs
 * ({@code POST …/tune}, a job to poll) and profiles ({@code GET …/tuning}; {@code PUT …/tuning/active} chooses the
 * one searches use, or none).
 */
final class TuningRoutes {

    private static final int MAX_JUDGMENTS = 10_000;

    private final Scope scope;
    private final JsonBodies bodies;

    TuningRoutes(Scope scope, JsonBodies bodies) {
        this.scope = scope;
        this.bodies = bodies;
    }

    void register(RoutesConfig routes) {
        routes.get("/v1/collections/{name}/judgments", ctx -> ctx.json(new JudgmentsResponse(
                collection(ctx).tuning().judgments().all())), Access.WRITER);
        routes.post("/v1/collections/{name}/judgments", this::judge, Access.WRITER);
        routes.delete("/v1/collections/{name}/judgments", this::deleteJudgments, Access.WRITER);
        routes.get("/v1/collections/{name}/tuning", this::profiles, Access.READER);
        routes.put("/v1/collections/{name}/tuning/active", this::activate, Access.ADMIN);
        routes.post("/v1/collections/{name}/tune", this::tune, Access.ADMIN);
        routes.get("/v1/collections/{name}/tune/{job}", ctx -> ctx.json(collection(ctx).tuneJobs().status(ctx.pathParam("job"))
                .orElseThrow(() -> ApiException.notFound("no tuning run '" + ctx.pathParam("job") + "'"))), Access.WRITER);
    }

    record JudgmentsResponse(List<Judgment> judgments) {
    }

    record Added(int added) {
    }

    record Deleted(int deleted) {
    }

    record ProfileSummary(int version, Instant created, String model, int queries, int relevantJudgments, double untunedHybrid,
                          double tunedHybrid, double untunedVector, double tunedVector, String fusion, int adapterRank) {
        static ProfileSummary of(TuningProfile p) {
            var r = p.report();
            return new ProfileSummary(p.version(), p.created(), p.modelId(), r.queries(), r.relevantJudgments(),
                    r.untunedHybrid().ndcg10(), r.tunedHybrid().ndcg10(), r.untunedVector().ndcg10(), r.tunedVector().ndcg10(),
                    r.fusion().method().name().toLowerCase(Locale.ROOT), r.adapter().rank());
        }
    }

    record TuningResponse(Integer active, List<ProfileSummary> profiles) {
    }

    private Collection collection(Context ctx) {
        return scope.one(ctx, ctx.pathParam("name"), "name");
    }

    private void judge(Context ctx) {
        Collection c = collection(ctx);
        JsonBody body = bodies.read(ctx.body(), RequestBodies.Judgments.class);
        List<JsonBody> items = body.objects("judgments");
        if (items.isEmpty()) throw ApiException.badRequest("judgments", "judgments must hold at least one judgment");
        if (items.size() > MAX_JUDGMENTS) {
            throw ApiException.badRequest("judgments", "at most " + MAX_JUDGMENTS + " judgments a request, got " + items.size());
        }
        String source = body.text("source", "api");
        ApiKeys.Caller caller = ctx.attribute(Gate.CALLER);
        Instant now = Instant.now();
        List<Judgment> judgments = new ArrayList<>();
        for (JsonBody item : items) {
            judgments.add(new Judgment(SearchRequest.query(item), item.requiredText("docId"),
                    item.integer("grade", 1, 0, 3), caller == null ? "" : caller.id(), now, source));
        }
        ctx.attribute(Audit.TARGET, c.name() + ": " + judgments.size() + " judgments");
        c.tuning().judgments().add(judgments);
        ctx.status(201).json(new Added(judgments.size()));
    }

    private void deleteJudgments(Context ctx) {
        Collection c = collection(ctx);
        String query = ctx.queryParam("query");
        boolean all = "true".equals(ctx.queryParam("all"));
        if ((query == null) == !all) throw ApiException.badRequest("query", "give either ?query=<text> or ?all=true");
        ctx.attribute(Audit.TARGET, c.name() + (all ? ": all judgments" : ": judgments of one query"));
        ctx.json(new Deleted(c.tuning().judgments().delete(j -> all || j.query().equals(query))));
    }

    private void profiles(Context ctx) {
        Collection c = collection(ctx);
        ctx.json(new TuningResponse(c.tuning().profiles().active().map(TuningProfile::version).orElse(null),
                c.tuning().profiles().list().stream().map(ProfileSummary::of).toList()));
    }

    private void activate(Context ctx) {
        Collection c = collection(ctx);
        JsonBody body = bodies.read(ctx.body(), RequestBodies.ActiveProfile.class);
        Integer version = body.has("version") ? body.integer("version", 0, 1, Integer.MAX_VALUE) : null;
        if (version != null && c.tuning().profiles().get(version).isEmpty()) {
            throw ApiException.badRequest("version", "collection " + c.name() + " has no tuning profile " + version);
        }
        ctx.attribute(Audit.TARGET, c.name() + ": profile " + (version == null ? "none" : version));
        c.tuning().profiles().activate(version);
        c.tuning().served().refresh();
        profiles(ctx);
    }

    private void tune(Context ctx) {
        JsonBody body = bodies.read(ctx.body(), RequestBodies.Tune.class);
        boolean activate = body.bool("activate", true);
        Collection c = collection(ctx);
        ctx.attribute(Audit.TARGET, c.name());
        String id;
        try {
            id = c.tuneJobs().start(activate);
        } catch (TuneJobs.BusyException e) {
            throw new ApiException(QuarryException.Kind.CONFLICT, e.getMessage(), null);
        }
        ctx.status(202).header("Location", "/v1/collections/" + c.name() + "/tune/" + id)
                .json(c.tuneJobs().status(id).orElseThrow());
    }
}
