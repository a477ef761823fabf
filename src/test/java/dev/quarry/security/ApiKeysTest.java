package dev.quarry.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private static final String READER = "reader-key-0123456789";
    private static final String ADMIN = "admin-key-0123456789ab";

    @Test
    void finds_the_role_of_a_presented_key_and_nothing_for_others() {
        ApiKeys keys = ApiKeys.parse(List.of("reader:" + READER, " ADMIN:" + ADMIN));
        assertThat(keys.required()).isTrue();
        assertThat(keys.authenticate(READER)).get().extracting(ApiKeys.Caller::role).isEqualTo(Role.READER);
        assertThat(keys.authenticate(ADMIN)).get().extracting(ApiKeys.Caller::role).isEqualTo(Role.ADMIN);
        assertThat(keys.authenticate(READER + "x")).isEmpty();
        assertThat(keys.authenticate("")).isEmpty();
        assertThat(keys.authenticate(null)).isEmpty();
    }

    @Test
    void caller_ids_name_the_role_but_never_contain_the_key() {
        ApiKeys.Caller caller = ApiKeys.parse(List.of("writer:" + READER)).authenticate(READER).orElseThrow();
        assertThat(caller.id()).startsWith("writer-").hasSize("writer-".length() + 8).doesNotContain(READER);
    }

    @Test
    void bad_entries_are_named_by_position_without_echoing_the_key() {
        assertThatThrownBy(() -> ApiKeys.parse(List.of("reader:" + READER, "owner:" + ADMIN)))
                .hasMessageContaining("entry 2").hasMessageNotContaining(ADMIN);
        assertThatThrownBy(() -> ApiKeys.parse(List.of("reader:short"))).hasMessageContaining("at least 16")
                .hasMessageNotContaining("short");
        assertThatThrownBy(() -> ApiKeys.parse(List.of("reader:" + READER, "admin:" + READER))).hasMessageContaining("repeats");
    }

    @Test
    void roles_cover_the_roles_below_them() {
        assertThat(Role.ADMIN.covers(Role.WRITER)).isTrue();
        assertThat(Role.WRITER.covers(Role.READER)).isTrue();
        assertThat(Role.READER.covers(Role.WRITER)).isFalse();
    }
}
