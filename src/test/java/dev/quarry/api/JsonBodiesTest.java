package dev.quarry.api;

import dev.quarry.error.Suggestions;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonBodiesTest {

    private final JsonBodies bodies = new JsonBodies(new ObjectMapper());

    private ApiException refused(String body, Class<? extends Record> shape) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> bodies.read(body, shape));
        assertThat(thrown).as(body).isInstanceOf(ApiException.class);
        ApiException e = (ApiException) thrown;
        assertThat(Problems.status(e.kind())).isEqualTo(400);
        return e;
    }

    @Test
    void a_misspelt_search_field_is_refused_naming_it_the_closest_name_and_every_accepted_one() {
        ApiException e = refused("{\"query\": \"x\", \"kk\": 3}", RequestBodies.Search.class);

        assertThat(e.field()).isEqualTo("kk");
        assertThat(e.getMessage()).isEqualTo("unknown field 'kk'; did you mean 'k'? Accepted: query, collection, collections, k, offset, mode, "
                + "filter, minScore, fusion, diversity, collapse, highlight, tuning, repeats");
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"query\": \"x\", \"filter\": {\"typs\": [\"md\"]}}                 | Search  | filter.typs            | filter.types",
            "{\"query\": \"x\", \"fusion\": {\"methd\": \"rrf\"}}                 | Search  | fusion.methd           | fusion.method",
            "{\"query\": \"x\", \"min_score\": 0.5}                               | Search  | min_score              | minScore",
            "{\"messages\": [], \"max_tokens\": 5}                                | Chat    | max_tokens             | maxTokens",
            "{\"messages\": [], \"topp\": 0.5}                                    | Chat    | topp                   | topP",
            "{\"messages\": [], \"streams\": true}                                | Chat    | streams                | stream",
            "{\"messages\": [{\"role\": \"user\", \"contnet\": \"hi\"}]}           | Chat    | messages[0].contnet    | messages[0].content",
            "{\"query\": \"x\", \"left\": {\"fusion\": {\"vectorWieght\": 1}}}    | Compare | left.fusion.vectorWieght | left.fusion.vectorWeight",
            "{\"query\": \"x\", \"right\": {\"colection\": \"b\"}}                | Compare | right.colection        | right.collection",
            "{\"foldr\": \"docs\"}                                                | Ingest  | foldr                  | folder",
    })
    void every_body_of_every_route_refuses_an_unknown_field_wherever_it_is(String body, String route, String field, String meant) {
        ApiException e = refused(body, shape(route));

        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).startsWith("unknown field '" + field + "'; did you mean '" + meant + "'?");
    }

    @Test
    void a_name_far_from_every_accepted_one_suggests_nothing_and_lists_what_the_object_accepts() {
        ApiException e = refused("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\", \"x\": 1}]}", RequestBodies.Chat.class);

        assertThat(e.field()).isEqualTo("messages[0].x");
        assertThat(e.getMessage()).isEqualTo("unknown field 'messages[0].x'. Accepted in messages[0]: role, content");
    }

    @Test
    void an_unknown_field_is_refused_even_when_null() {
        assertThat(refused("{\"query\": \"x\", \"kk\": null}", RequestBodies.Search.class).field()).isEqualTo("kk");
    }

    @Test
    void every_declared_field_is_accepted_and_values_of_the_wrong_kind_are_left_to_the_reads() {
        String search = """
                {"query": "x", "k": 3, "offset": 0, "mode": "hybrid", "minScore": 0.1, "diversity": 0.2, "collapse": true,
                 "highlight": false, "fusion": {"method": "rrf", "vectorWeight": 0.5, "k": 60},
                 "filter": {"pathPrefix": "a/", "types": ["md"], "tags": ["t"], "modifiedFrom": 1, "modifiedTo": "2024-05-01"}}""";
        String chat = """
                {"messages": [{"role": "user", "content": "hi"}], "k": 3, "filter": {}, "strictness": 0.5, "deployment": "d",
                 "systemPrompt": "s", "temperature": 0.1, "topP": 1, "maxTokens": 5, "stream": false}""";
        String compare = """
                {"query": "x", "k": 3, "left": {"label": "a", "collection": "c", "deployment": "d", "strictness": 0.5,
                 "temperature": 0, "offset": 0, "mode": "vector", "filter": {}, "minScore": 0, "fusion": {}, "diversity": 0,
                 "collapse": false, "highlight": true}, "right": {}}""";

        assertThat(bodies.read(search, RequestBodies.Search.class).text("query", null)).isEqualTo("x");
        bodies.read(chat, RequestBodies.Chat.class);
        bodies.read(compare, RequestBodies.Compare.class);
        bodies.read("{\"folder\": \"docs\"}", RequestBodies.Ingest.class);
        bodies.read("{\"query\": \"x\", \"filter\": \"not an object\", \"fusion\": [1]}", RequestBodies.Search.class);
    }

    @Test
    void suggestions_allow_more_edits_in_longer_names_and_never_replace_a_whole_name() {
        assertThat(Suggestions.closest("qeury", java.util.List.of("query", "k"))).contains("query");
        assertThat(Suggestions.closest("systemprompt", java.util.List.of("stream", "systemPrompt"))).contains("systemPrompt");
        assertThat(Suggestions.closest("x", java.util.List.of("k"))).isEmpty();
        assertThat(Suggestions.closest("colour", java.util.List.of("query", "k"))).isEmpty();
    }

    private static Class<? extends Record> shape(String route) {
        return switch (route) {
            case "Search" -> RequestBodies.Search.class;
            case "Chat" -> RequestBodies.Chat.class;
            case "Compare" -> RequestBodies.Compare.class;
            case "Ingest" -> RequestBodies.Ingest.class;
            default -> throw new IllegalArgumentException(route);
        };
    }
}
