package dev.quarry.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.config.ServerConfig;
import dev.quarry.mcp.McpServers;
import dev.quarry.security.ApiKeys;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which hosts and page origins may reach {@code /mcp}: the guard against DNS rebinding. */
class McpRoutesTest {

    @Test
    void without_keys_only_this_machine_s_names_may_be_the_host() {
        McpServers.Origins allowed = McpRoutes.allowed(new ServerConfig("127.0.0.2", 0));
        assertThat(allowed.hosts()).containsExactly("localhost:*", "127.0.0.1:*", "[::1]:*", "127.0.0.2:*");
    }

    @Test
    void with_keys_any_host_may_reach_it_as_no_page_holds_a_key() {
        ServerConfig keyed = new ServerConfig("0.0.0.0", 0, ApiKeys.parse(List.of("reader:reader-key-for-tests-0001")), null, null);
        assertThat(McpRoutes.allowed(keyed).hosts()).isEmpty();
    }

    @Test
    void pages_may_call_from_this_machine_only_either_way() {
        assertThat(McpRoutes.allowed(new ServerConfig("127.0.0.1", 0)).origins()).containsExactly(
                "http://localhost:*", "https://localhost:*", "http://127.0.0.1:*", "https://127.0.0.1:*",
                "http://[::1]:*", "https://[::1]:*");
    }
}
