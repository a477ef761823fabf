package dev.quarry.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.error.ConfigException;
import dev.quarry.safety.Action;
import dev.quarry.safety.Blocklist;
import dev.quarry.safety.FindingType;
import dev.quarry.safety.InjectionPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetySectionTest {

    @TempDir
    Path tmp;

    private QuarryConfig load(String yaml) {
        try {
            Path file = Files.writeString(tmp.resolve("quarry.yaml"), yaml);
            return ConfigLoader.load(Map.of("QUARRY_CONFIG", file.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void without_a_safety_section_every_type_is_tagged_and_phones_are_read_as_us() {
        QuarryConfig config = load("");

        assertThat(config.safety().phoneRegion()).isEqualTo("US");
        assertThat(config.safety().policy("default").actions()).allSatisfy((type, action) -> assertThat(action).isEqualTo(Action.TAG));
    }

    @Test
    void a_collection_changes_only_the_types_it_names_on_top_of_the_defaults() {
        QuarryConfig config = load("""
                safety:
                  phoneRegion: DE
                  pii:
                    email: redact
                    private_key: skip-file
                  collections:
                    - name: hr
                      pii:
                        ssn: redact
                        email: tag
                """);

        assertThat(config.safety().phoneRegion()).isEqualTo("DE");
        assertThat(config.safety().policy("docs").action(FindingType.EMAIL)).isEqualTo(Action.REDACT);
        assertThat(config.safety().policy("hr").action(FindingType.EMAIL)).isEqualTo(Action.TAG);
        assertThat(config.safety().policy("hr").action(FindingType.SSN)).isEqualTo(Action.REDACT);
        assertThat(config.safety().policy("hr").action(FindingType.PRIVATE_KEY)).isEqualTo(Action.SKIP_FILE);
    }

    @Test
    void the_injection_policy_defaults_to_quote_and_a_collection_may_omit() {
        QuarryConfig config = load("safety:\n  collections:\n    - name: wiki\n      injection: omit\n");

        assertThat(config.safety().policy("docs").injection()).isEqualTo(InjectionPolicy.QUOTE);
        assertThat(config.safety().policy("wiki").injection()).isEqualTo(InjectionPolicy.OMIT);
        assertThatThrownBy(() -> load("safety:\n  injection: drop\n")).hasMessageContaining("safety.injection must be one of off, quote, omit");
    }

    @Test
    void bad_actions_types_and_regions_are_refused_naming_the_key() {
        assertThatThrownBy(() -> load("safety:\n  pii:\n    email: hide\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("safety.pii.email must be one of off, tag, redact, skip-file");
        assertThatThrownBy(() -> load("safety:\n  pii:\n    mail: redact\n")).hasMessageContaining("safety.pii.mail is not a known key");
        assertThatThrownBy(() -> load("safety:\n  phoneRegion: XX\n")).hasMessageContaining("safety.phoneRegion");
    }

    @Test
    void blocklists_are_defined_once_and_named_by_collections_and_deployments_that_exist() {
        QuarryConfig config = load("""
                safety:
                  blocklists:
                    - name: codenames
                      terms: [Project Bluefin, Falcon]
                      patterns: ['QX-\\d{4}', 'a{1,3}']
                  collections:
                    - name: docs
                      blocklists: [codenames]
                  deployments:
                    - name: extractive
                      blocklists: codenames
                """);
        assertThat(config.safety().collectionBlocklists().get("docs")).extracting(Blocklist::name).containsExactly("codenames");
        assertThat(config.safety().deploymentBlocklists().get("extractive")).extracting(Blocklist::name).containsExactly("codenames");

        assertThatThrownBy(() -> load("safety:\n  collections:\n    - name: docs\n      blocklists: [nope]\n"))
                .hasMessageContaining("safety.collections.docs.blocklists").hasMessageContaining("'nope'");
        assertThatThrownBy(() -> load("safety:\n  blocklists:\n    - name: b\n      terms: [x]\n  deployments:\n    - name: gpt\n      blocklists: [b]\n"))
                .hasMessageContaining("safety.deployments.gpt.name").hasMessageContaining("is not a chat deployment");
        assertThatThrownBy(() -> load("safety:\n  blocklists:\n    - name: b\n      patterns: ['(x']\n"))
                .hasMessageContaining("safety.blocklists.b.patterns").hasMessageContaining("not a valid regular expression");
    }
}
