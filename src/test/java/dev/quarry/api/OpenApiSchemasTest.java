package dev.quarry.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.chat.ChatAnswer;
import dev.quarry.cluster.ClusterReport;
import dev.quarry.ingest.IngestJobs;
import dev.quarry.collection.Reindexer;
import dev.quarry.tune.TuneJobs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * openapi.json against the records the routes read and write, property by property and both ways, down through every
 * nested record: a field added to a record and not described, or described and never read or written, fails here.
 * Property names are Jackson's view of each record ({@link WireFields}), so {@code @JsonProperty} renames count, and
 * a property that {@code @JsonInclude} leaves out when it is null is still one the description must have.
 */
class OpenApiSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode DOC = load();

    /** Every JSON body of every route, as "METHOD /path request" or "METHOD /path STATUS", and its record. */
    private static final Map<String, Class<?>> BODIES = new LinkedHashMap<>();

    static {
        BODIES.put("GET /healthz 200", HealthRoutes.HealthResponse.class);
        BODIES.put("GET /readyz 200", HealthRoutes.ReadinessResponse.class);
        BODIES.put("GET /readyz 503", HealthRoutes.ReadinessResponse.class);
        BODIES.put("GET /v1/audit 200", ApiServer.AuditResponse.class);
        BODIES.put("POST /v1/search request", RequestBodies.Search.class);
        BODIES.put("POST /v1/search 200", SearchResponse.class);
        BODIES.put("GET /v1/documents/{id} 200", DocumentRoutes.DocumentResponse.class);
        BODIES.put("DELETE /v1/documents/{id} 202", DocumentRoutes.DeleteResponse.class);
        BODIES.put("GET /v1/documents/{id}/link 200", DocumentRoutes.LinkResponse.class);
        BODIES.put("GET /v1/chunks/{id} 200", DocumentRoutes.ChunkResponse.class);
        BODIES.put("GET /v1/clusters 200", ClusterReport.class);
        BODIES.put("GET /v1/duplicates 200", ClusterRoutes.DuplicatesResponse.class);
        BODIES.put("POST /v1/ingest request", RequestBodies.Ingest.class);
        BODIES.put("POST /v1/ingest 202", IngestJobs.Status.class);
        BODIES.put("GET /v1/ingest 200", IngestRoutes.OverviewResponse.class);
        BODIES.put("GET /v1/ingest/{job} 200", IngestJobs.Status.class);
        BODIES.put("POST /v1/chat request", RequestBodies.Chat.class);
        BODIES.put("POST /v1/chat 200", ChatAnswer.class);
        BODIES.put("GET /v1/deployments 200", ChatRoutes.DeploymentsResponse.class);
        BODIES.put("GET /v1/deployments/{name} 200", ChatRoutes.DeploymentResponse.class);
        BODIES.put("POST /v1/compare request", RequestBodies.Compare.class);
        BODIES.put("POST /v1/compare 200", CompareRoutes.Comparison.class);
        BODIES.put("GET /v1/collections 200", CollectionRoutes.CollectionsResponse.class);
        BODIES.put("POST /v1/collections request", RequestBodies.Collection.class);
        BODIES.put("POST /v1/collections 201", CollectionRoutes.Created.class);
        BODIES.put("GET /v1/collections/{name} 200", CollectionRoutes.Summary.class);
        BODIES.put("GET /v1/collections/{name}/judgments 200", TuningRoutes.JudgmentsResponse.class);
        BODIES.put("POST /v1/collections/{name}/judgments request", RequestBodies.Judgments.class);
        BODIES.put("POST /v1/collections/{name}/judgments 201", TuningRoutes.Added.class);
        BODIES.put("DELETE /v1/collections/{name}/judgments 200", TuningRoutes.Deleted.class);
        BODIES.put("GET /v1/collections/{name}/tuning 200", TuningRoutes.TuningResponse.class);
        BODIES.put("PUT /v1/collections/{name}/tuning/active request", RequestBodies.ActiveProfile.class);
        BODIES.put("PUT /v1/collections/{name}/tuning/active 200", TuningRoutes.TuningResponse.class);
        BODIES.put("POST /v1/collections/{name}/tune request", RequestBodies.Tune.class);
        BODIES.put("POST /v1/collections/{name}/tune 202", TuneJobs.Status.class);
        BODIES.put("GET /v1/collections/{name}/tune/{job} 200", TuneJobs.Status.class);
        BODIES.put("POST /v1/collections/{name}/snapshots request", RequestBodies.Snapshot.class);
        BODIES.put("POST /v1/collections/{name}/snapshots 201", SnapshotRoutes.SnapshotResponse.class);
        BODIES.put("GET /v1/collections/{name}/snapshots 200", SnapshotRoutes.SnapshotsResponse.class);
        BODIES.put("GET /v1/collections/{name}/snapshots/{id} 200", SnapshotRoutes.SnapshotResponse.class);
        BODIES.put("POST /v1/collections/{name}/snapshots/{id}/restore request", RequestBodies.SnapshotRestore.class);
        BODIES.put("POST /v1/collections/{name}/snapshots/{id}/restore 201", CollectionRoutes.Summary.class);
        BODIES.put("POST /v1/collections/{name}/snapshots/{id}/restore 200", CollectionRoutes.Summary.class);
        BODIES.put("POST /v1/collections/{name}/reindex request", RequestBodies.Reindex.class);
        BODIES.put("POST /v1/collections/{name}/reindex 202", Reindexer.Status.class);
        BODIES.put("GET /v1/collections/{name}/reindex 200", GenerationRoutes.ReindexJobsResponse.class);
        BODIES.put("GET /v1/collections/{name}/reindex/{job} 200", Reindexer.Status.class);
        BODIES.put("GET /v1/collections/{name}/generations 200", GenerationRoutes.GenerationsResponse.class);
        BODIES.put("POST /v1/collections/{name}/rollback request", RequestBodies.Rollback.class);
        BODIES.put("POST /v1/collections/{name}/rollback 200", GenerationRoutes.RolledBack.class);
    }

    /** Schemas that no route body refers to directly, by component name, and their record. */
    private static final Map<String, Class<?>> COMPONENTS = Map.of(
            "Problem", Problem.class,
            "ChatStreamToken", ChatRoutes.TokenEvent.class,
            "ChatStreamDone", ChatRoutes.DoneEvent.class,
            "ChatStreamError", ChatRoutes.ErrorEvent.class);

    /** Bodies that are not records of ours: the description itself, and MCP's JSON-RPC messages (the SDK's). */
    private static final Set<String> NOT_RECORDS = Set.of("GET /openapi.json 200", "POST /mcp request", "POST /mcp 200");

    @Test
    void every_json_body_the_description_names_has_its_record_here_and_every_one_here_is_described() {
        Map<String, JsonNode> described = jsonBodies();

        assertThat(described.keySet()).as("bodies in BODIES that openapi.json does not describe")
                .containsAll(BODIES.keySet());
        Set<String> unchecked = new TreeSet<>(described.keySet());
        unchecked.removeAll(BODIES.keySet());
        unchecked.removeAll(NOT_RECORDS);
        assertThat(unchecked).as("JSON bodies in openapi.json that no record is held to").isEmpty();
    }

    @Test
    void each_record_and_its_schema_have_the_same_properties_both_ways_down_to_nested_records() {
        Map<String, JsonNode> described = jsonBodies();
        List<String> problems = new ArrayList<>();
        BODIES.forEach((body, type) -> compare(type, described.get(body), body, body.endsWith(" request"), problems, new HashSet<>()));
        COMPONENTS.forEach((name, type) -> compare(type, DOC.at("/components/schemas/" + name), name, false, problems, new HashSet<>()));

        assertThat(problems).as("differences between openapi.json and the records").isEmpty();
    }

    @Test
    void every_schema_in_the_components_is_held_to_a_record() {
        Map<String, JsonNode> described = jsonBodies();
        Set<String> reached = new HashSet<>(COMPONENTS.keySet());
        BODIES.forEach((body, type) -> compare(type, described.get(body), body, body.endsWith(" request"), new ArrayList<>(), reached));
        COMPONENTS.forEach((name, type) -> compare(type, DOC.at("/components/schemas/" + name), name, false, new ArrayList<>(), reached));

        Set<String> all = new TreeSet<>();
        DOC.at("/components/schemas").fieldNames().forEachRemaining(all::add);
        all.removeAll(reached);
        assertThat(all).as("component schemas no record is compared with").isEmpty();
    }

    @Test
    void every_error_response_is_a_problem() {
        DOC.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op ->
                op.getValue().path("responses").properties().forEach(r -> {
                    JsonNode problem = r.getValue().path("content").path("application/problem+json");
                    if (Integer.parseInt(r.getKey()) >= 400 && !problem.isMissingNode()) {
                        assertThat(problem.at("/schema/$ref").asText()).as(op.getKey() + " " + path.getKey() + " " + r.getKey())
                                .isEqualTo("#/components/schemas/Problem");
                    }
                })));
    }

    /**
     * Compares {@code type}'s properties with {@code schema}'s (following {@code $ref} and {@code allOf}), then
     * each property that holds a record with its own schema; {@code reached} collects the component schemas met.
     */
    private static void compare(Class<?> type, JsonNode schema, String where, boolean request, List<String> problems,
                                Set<String> reached) {
        String label = where + " (" + type.getSimpleName() + ")";
        Map<String, JsonNode> described = properties(schema, reached);
        Map<String, Class<?>> fields = request ? WireFields.accepted(JSON, type) : WireFields.written(JSON, type);
        for (String name : fields.keySet()) {
            if (!described.containsKey(name)) problems.add(label + ": '" + name + "' is in the record but not described");
        }
        for (String name : described.keySet()) {
            if (!fields.containsKey(name)) problems.add(label + ": '" + name + "' is described but not in the record");
        }
        for (JsonNode required : required(schema, reached)) {
            if (!fields.containsKey(required.asText())) problems.add(label + ": required '" + required.asText() + "' is not in the record");
        }
        fields.forEach((name, nested) -> {
            if (nested == null || !described.containsKey(name)) return;
            JsonNode property = resolve(described.get(name), reached);
            if (property.has("items")) property = resolve(property.get("items"), reached);
            compare(nested, property, where + "." + name, request, problems, reached);
        });
    }

    private static Map<String, JsonNode> properties(JsonNode schema, Set<String> reached) {
        JsonNode s = resolve(schema, reached);
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode part : s.path("allOf")) out.putAll(properties(part, reached));
        s.path("properties").properties().forEach(p -> out.put(p.getKey(), p.getValue()));
        return out;
    }

    private static List<JsonNode> required(JsonNode schema, Set<String> reached) {
        JsonNode s = resolve(schema, reached);
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode part : s.path("allOf")) out.addAll(required(part, reached));
        s.path("required").forEach(out::add);
        return out;
    }

    private static JsonNode resolve(JsonNode schema, Set<String> reached) {
        String ref = schema.path("$ref").asText("");
        if (ref.isEmpty()) return schema;
        String name = ref.substring(ref.lastIndexOf('/') + 1);
        reached.add(name);
        JsonNode target = DOC.at(ref.substring(1));
        assertThat(target.isMissingNode()).as(ref).isFalse();
        return target;
    }

    /** Every request body and response with JSON content, by "METHOD /path request" or "METHOD /path STATUS". */
    private static Map<String, JsonNode> jsonBodies() {
        Map<String, JsonNode> bodies = new LinkedHashMap<>();
        DOC.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            String route = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            JsonNode request = op.getValue().at("/requestBody/content/application~1json/schema");
            if (!request.isMissingNode()) bodies.put(route + " request", request);
            op.getValue().path("responses").properties().forEach(r -> {
                JsonNode response = r.getValue().at("/content/application~1json/schema");
                if (!response.isMissingNode()) bodies.put(route + " " + r.getKey(), response);
            });
        }));
        return bodies;
    }

    private static JsonNode load() {
        try (InputStream in = OpenApiSchemasTest.class.getResourceAsStream("/openapi.json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
