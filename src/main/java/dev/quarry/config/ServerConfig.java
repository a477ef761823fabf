package dev.quarry.config;

/** Where the HTTP server listens. */
public record ServerConfig(String host, int port) {

    public ServerConfig {
        if (port < 0 || port > 65535) throw new ConfigException("server.port", Integer.toString(port), "must be 0..65535");
        if (host == null || host.isBlank()) throw new ConfigException("server.host", String.valueOf(host), "must not be blank");
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort);
    }
}
