package dev.quarry.config;

import dev.quarry.error.ConfigException;
import dev.quarry.security.ApiKeys;
import dev.quarry.security.Role;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.time.Duration;
import java.util.Map;

/**
 * Where and how the HTTP server listens: address and port, the API keys callers must present, TLS, and the limits
 * that keep one caller from taking the server down. Without keys the server may listen on this machine only.
 */
public record ServerConfig(String host, int port, ApiKeys apiKeys, Tls tls, Limits limits) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    /** HTTPS from a PKCS#12 or JKS keystore; the password comes from an environment variable, never the file. */
    public record Tls(Path keystore, String password) {

        /** The variable that holds the keystore password unless {@code server.tls.passwordEnv} names another. */
        public static final String DEFAULT_PASSWORD_ENV = "QUARRY_TLS_PASSWORD";

        /** Opens the keystore once at start, so a wrong password or file is one line naming the setting. */
        void verify(String passwordEnv) {
            try {
                KeyStore.getInstance(keystore.toFile(), password.toCharArray());
            } catch (IOException e) {
                if (e.getCause() instanceof UnrecoverableKeyException) {
                    throw new ConfigException("server.tls.passwordEnv", passwordEnv, "names a variable whose password does not open the keystore " + keystore);
                }
                throw new ConfigException("server.tls.keystore", keystore.toString(), "cannot be read as a PKCS#12 or JKS keystore: " + e.getMessage());
            } catch (GeneralSecurityException e) {
                throw new ConfigException("server.tls.keystore", keystore.toString(), "cannot be read as a PKCS#12 or JKS keystore: " + e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "Tls[keystore=" + keystore + "]";
        }
    }

    /**
     * {@code maxBodyBytes}: the largest request body (413 beyond); {@code requestsPerMinute}: the rate allowed per
     * key, by role (a role left out is unlimited); {@code shutdownGrace}: how long in-flight requests may take to
     * finish when the server stops.
     */
    public record Limits(long maxBodyBytes, Map<Role, Integer> requestsPerMinute, Duration shutdownGrace) {

        public static final Limits DEFAULT = new Limits(1024 * 1024, Map.of(Role.READER, 600, Role.WRITER, 600), Duration.ofSeconds(20));

        public Limits {
            requestsPerMinute = Map.copyOf(requestsPerMinute);
            if (maxBodyBytes < 1024) throw new ConfigException("server.maxBodyBytes", Long.toString(maxBodyBytes), "must be at least 1024");
            requestsPerMinute.forEach((role, limit) -> {
                if (limit <= 0) throw new ConfigException("server.requestsPerMinute." + role.label(), limit.toString(), "must be positive");
            });
        }
    }

    public ServerConfig {
        if (port < 0 || port > 65535) throw new ConfigException("server.port", Integer.toString(port), "must be 0..65535");
        if (host == null || host.isBlank()) throw new ConfigException("server.host", String.valueOf(host), "must not be blank");
        if (apiKeys == null) apiKeys = ApiKeys.none();
        if (limits == null) limits = Limits.DEFAULT;
        if (!apiKeys.required() && !isLoopback(host)) {
            throw new ConfigException("server.host", host, "would expose the API beyond this machine without API keys; "
                    + "set QUARRY_API_KEYS (server.apiKeys) to role:KEY pairs, or bind 127.0.0.1");
        }
    }

    /** A server on this machine only, without keys, TLS or rate limits beyond the defaults. */
    public ServerConfig(String host, int port) {
        this(host, port, ApiKeys.none(), null, Limits.DEFAULT);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, apiKeys, tls, limits);
    }

    public ServerConfig withApiKeys(ApiKeys newKeys) {
        return new ServerConfig(host, port, newKeys, tls, limits);
    }

    /**
     * Whether every address {@code host} resolves to is a loopback one: a name is resolved, not read, so a name such
     * as {@code 127.example.com} is judged by where it points.
     */
    public static boolean isLoopback(String host) {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            InetAddress[] addresses = InetAddress.getAllByName(name);
            for (InetAddress a : addresses) if (!a.isLoopbackAddress()) return false;
            return addresses.length > 0;
        } catch (UnknownHostException e) {
            throw new ConfigException("server.host", host, "cannot be resolved to an address of this machine");
        }
    }

    @Override
    public String toString() {
        return "server[host=" + host + ", port=" + port + ", apiKeys=" + apiKeys.size() + ", " + (tls == null ? "http" : tls)
                + ", " + limits + "]";
    }
}
