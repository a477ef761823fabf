package dev.quarry.api;

import dev.quarry.security.Role;
import io.javalin.security.RouteRole;

/** Who may call a route: anyone (probes, the API description), or a key with at least a role. */
enum Access implements RouteRole {
    PUBLIC(null),
    READER(Role.READER),
    WRITER(Role.WRITER),
    ADMIN(Role.ADMIN);

    private final Role role;

    Access(Role role) {
        this.role = role;
    }

    /** The least role that may call the route; null for a public one. */
    Role role() {
        return role;
    }
}
