package dev.quarry.api;

import dev.quarry.error.QuarryException;
import dev.quarry.security.ApiKeys;
import dev.quarry.security.Role;
import dev.quarry.security.RateLimiter;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.javalin.security.RouteRole;
import io.javalin.security.Roles;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Runs before every matched route: finds the caller from its key, checks that its role may call the route, and takes
 * a request from its rate limit. Without configured keys every caller is a local admin (the server then listens on
 * loopback only), limited by address at the admin rate, if one is set.
 */
final class Gate {

    static final String CALLER = "quarry.caller";
    private static final ApiKeys.Caller LOCAL = new ApiKeys.Caller("local", Role.ADMIN);
    /** Whoever holds a signed file link: it reads that one file, limited by address. */
    private static final ApiKeys.Caller LINK = new ApiKeys.Caller("signed-link", Role.READER);

    private final ApiKeys keys;
    private final RateLimiter limiter;
    private final FileLinks links;

    Gate(ApiKeys keys, RateLimiter limiter, FileLinks links) {
        this.keys = keys;
        this.limiter = limiter;
        this.links = links;
    }

    void check(Context ctx) {
        // The studio's static files match no route; they are public, and what they call is not.
        if (ctx.endpoints().matchedHttpEndpoint() == null) return;
        Access access = access(ctx.routeRoles());
        if (access == Access.PUBLIC) return;
        boolean linked = keys.required() && links.admits(ctx);
        ApiKeys.Caller caller = !keys.required() ? LOCAL : linked ? LINK : authenticate(ctx);
        ctx.attribute(CALLER, caller);
        if (!caller.role().covers(access.role())) {
            throw ApiException.forbidden(null, "this route needs the " + access.role().label() + " role; the key "
                    + caller.id() + " has " + caller.role().label());
        }
        String bucket = keys.required() && !linked ? caller.id() : "address:" + ctx.ip();
        Duration wait = limiter.request(bucket, caller.role());
        if (!wait.isZero()) throw tooManyRequests("the " + caller.role().label() + " request rate limit is used up", wait);
    }

    static ApiException tooManyRequests(String detail, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return new ApiException(QuarryException.Kind.TOO_MANY_REQUESTS, detail + "; retry after " + seconds + " s", null)
                .withHeader("Retry-After", Long.toString(seconds));
    }

    /** The route's access; a route that forgot to say is admin-only rather than open. */
    static Access access(Endpoint endpoint) {
        Roles roles = endpoint.metadata(Roles.class);
        return access(roles == null ? Set.of() : roles.getRoles());
    }

    private static Access access(Set<RouteRole> roles) {
        for (RouteRole r : roles) if (r instanceof Access a) return a;
        return Access.ADMIN;
    }

    private ApiKeys.Caller authenticate(Context ctx) {
        String authorization = ctx.header("Authorization");
        String presented = null;
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = authorization.substring(7).strip();
        } else if (ctx.header("api-key") != null) {
            presented = ctx.header("api-key").strip();
        }
        if (presented == null || presented.isEmpty()) {
            throw unauthorized("Bearer realm=\"quarry\"", "send an API key as 'Authorization: Bearer KEY' or in the api-key header");
        }
        // Checked before the key, so that a client guessing keys learns nothing more once it is throttled.
        Duration blocked = limiter.authenticationBlocked(ctx.ip());
        if (!blocked.isZero()) throw tooManyRequests("too many wrong API keys from this address", blocked);
        Optional<ApiKeys.Caller> caller = keys.authenticate(presented);
        if (caller.isEmpty()) {
            limiter.authenticationFailed(ctx.ip());
            throw unauthorized("Bearer realm=\"quarry\", error=\"invalid_token\"", "the API key is not valid");
        }
        return caller.get();
    }

    private static ApiException unauthorized(String challenge, String detail) {
        return ApiException.unauthorized("Authorization", detail).withHeader("WWW-Authenticate", challenge);
    }
}
