package dev.quarry.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.Quarry;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.ingest.IngestRoots;
import dev.quarry.testing.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code /openapi.json} against the routes the server really has, both ways, and against itself. */
class OpenApiIT {

    @Test
    void the_description_and_the_server_have_the_same_routes_with_the_same_access() throws Exception {
        Path tmp = Files.createTempDirectory("quarry-openapi-it");
        Map<String, String> env = Map.of("QUARRY_DATA", tmp.resolve("data").toString(), "QUARRY_CONFIG", Files.writeString(tmp.resolve("q.yaml"), "").toString());
        QuarryConfig config = ConfigLoader.load(env);
        try (Quarry quarry = Quarry.open(config, env);
             ApiServer server = new ApiServer(quarry, config.server().withPort(0), new IngestRoots(List.of())).start()) {
            JsonNode doc = new Http(server.port()).get("/openapi.json").json();
            Set<String> described = new HashSet<>();
            Map<String, String> describedAccess = new HashMap<>();
            doc.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
                String key = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                described.add(key);
                describedAccess.put(key, op.getValue().get("x-quarry-role").asText());
                assertThat(op.getValue().get("responses").size()).as(key).isPositive();
                assertThat(op.getValue().get("summary").asText()).as(key).isNotBlank();
            }));
            Set<String> served = new HashSet<>();
            for (ApiServer.Route r : server.routes()) {
                String key = r.method() + " " + r.path().replaceAll("<([^>]+)>", "{$1}");
                served.add(key);
                assertThat(describedAccess.get(key)).as("access of " + key).isEqualTo(r.access());
            }
            assertThat(described).as("described but not served").isSubsetOf(served);
            assertThat(served).as("served but not described").isSubsetOf(described);

            // Every path parameter is declared, and every schema reference resolves.
            doc.get("paths").properties().forEach(path -> {
                Matcher m = Pattern.compile("\\{([^}]+)}").matcher(path.getKey());
                while (m.find()) {
                    String name = m.group(1);
                    path.getValue().properties().forEach(op -> assertThat(op.getValue().get("parameters"))
                            .as(path.getKey()).anyMatch(p -> p.get("name").asText().equals(name) && p.get("in").asText().equals("path")));
                }
            });
            Matcher refs = Pattern.compile("\"\\$ref\"\\s*:\\s*\"#/components/schemas/([^\"]+)\"").matcher(doc.toString());
            while (refs.find()) assertThat(doc.get("components").get("schemas").has(refs.group(1))).as(refs.group(1)).isTrue();
        }
    }
}
