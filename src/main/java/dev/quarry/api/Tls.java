package dev.quarry.api;

import dev.quarry.config.ServerConfig;
import io.javalin.config.JettyConfig;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** HTTPS: the server's one connector speaks TLS with the configured keystore, and plain HTTP is not served. */
final class Tls {

    private Tls() {
    }

    static void configure(JettyConfig jetty, ServerConfig server) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(server.tls().keystore().toAbsolutePath().toString());
        ssl.setKeyStorePassword(server.tls().password());
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        jetty.addConnector((jettyServer, http) -> {
            http.addCustomizer(new SecureRequestCustomizer());
            ServerConnector connector = new ServerConnector(jettyServer, new SslConnectionFactory(ssl, "http/1.1"),
                    new HttpConnectionFactory(http));
            connector.setHost(server.host());
            connector.setPort(server.port());
            return connector;
        });
    }
}
