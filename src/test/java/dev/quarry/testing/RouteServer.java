package dev.quarry.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.json.JavalinJackson;
import java.util.function.Consumer;

/**
 * A Javalin server on 127.0.0.1 and a free port with only the routes a test registers, so routes are tested over
 * HTTP with fakes behind them and no model, as Javalin's own functional tests do.
 */
public final class RouteServer implements AutoCloseable {

    private final Javalin app;
    private final Http http;

    public RouteServer(ObjectMapper json, Consumer<RoutesConfig> routes) {
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.jsonMapper(new JavalinJackson(json, false));
            routes.accept(config.routes);
        }).start();
        http = new Http(app.port());
    }

    public Http http() {
        return http;
    }

    @Override
    public void close() {
        app.stop();
    }
}
