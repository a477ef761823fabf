package dev.quarry.api;

import java.util.List;

/**
 * The JSON request bodies the routes accept, one record per object, named after their schema in openapi.json. They
 * are never built: {@link JsonBody} reads and checks each value with a message naming the field, and these records
 * are the list of names, so a field that is not here is refused as unknown before anything is read (a typo such as
 * {@code kk} used to be ignored in silence), and a test holds openapi.json to them.
 */
final class RequestBodies {

    private RequestBodies() {
    }

    /** {@code POST /v1/search}: schema SearchRequest. */
    record Search(String query, String collection, List<String> collections, Integer k, Integer offset, String mode,
                  Filter filter, Double minScore, Fusion fusion, Double diversity, Boolean collapse, Boolean highlight,
                  String tuning, Boolean repeats) {
    }

    /** Schema Filter; the dates are epoch milliseconds or ISO-8601 text, so they are typed loosely here. */
    record Filter(String pathPrefix, List<String> types, List<String> tags, Object modifiedFrom, Object modifiedTo) {
    }

    /** Schema Fusion. */
    record Fusion(String method, Double vectorWeight, Integer k) {
    }

    /** {@code POST /v1/chat}: schema ChatRequest. */
    record Chat(List<ChatMessage> messages, String collection, List<String> collections, Integer k, Filter filter,
                Double strictness, String deployment, String systemPrompt, Double temperature, Double topP,
                Integer maxTokens, Boolean stream, String tuning) {
    }

    /** Schema ChatMessage. */
    record ChatMessage(String role, String content) {
    }

    /** {@code POST /v1/ingest}: schema IngestRequest. */
    record Ingest(String folder, String collection, String source) {
    }

    /** {@code POST /v1/collections}: schema CollectionRequest. */
    record Collection(String name, String model, Chunking chunking, String vectors, List<CollectionSource> sources) {
    }

    /** Schema Chunking. */
    record Chunking(Integer maxTokens, Integer overlapTokens, Boolean headingContext) {
    }

    /** A source of a new collection: a folder under an ingest root, and its name. */
    record CollectionSource(String folder, String name) {
    }

    /** {@code POST /v1/compare}: schema CompareRequest. */
    record Compare(String query, Integer k, CompareSide left, CompareSide right) {
    }

    /** Schema CompareSide: a search's settings (as SearchSettings) and, for an answer, a deployment. */
    record CompareSide(String label, String collection, String deployment, Double strictness, Double temperature,
                       Integer offset, String mode, Filter filter, Double minScore, Fusion fusion, Double diversity,
                       Boolean collapse, Boolean highlight, String tuning, Boolean repeats) {
    }

    /** {@code POST /v1/collections/{name}/judgments}: schema JudgmentsRequest. */
    record Judgments(List<JudgmentItem> judgments, String source) {
    }

    /** Schema JudgmentItem: a query, a document it was judged against, and the grade (0 not relevant, 1-3 relevant). */
    record JudgmentItem(String query, String docId, Integer grade) {
    }

    /** {@code PUT /v1/collections/{name}/tuning/active}: schema ActiveProfileRequest; no version means untuned. */
    record ActiveProfile(Integer version) {
    }

    /** {@code POST /v1/collections/{name}/tune}: schema TuneRequest. */
    record Tune(Boolean activate) {
    }

    /** {@code POST /v1/collections/{name}/snapshots}: schema SnapshotRequest, optional and empty for now. */
    record Snapshot() {
    }

    /** {@code POST /v1/collections/{name}/snapshots/{id}/restore}: schema SnapshotRestoreRequest. */
    record SnapshotRestore(String into, Boolean replace) {
    }

    /** {@code POST /v1/collections/{name}/reindex}: schema ReindexRequest. */
    record Reindex(String model, Chunking chunking) {
    }

    /** {@code POST /v1/collections/{name}/rollback}: schema RollbackRequest. */
    record Rollback(Integer generation) {
    }
}
