package dev.quarry.api;

import dev.quarry.testing.FakeEmbedder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.Quarry;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.ingest.IngestRoots;
import java.io.FileInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/** HTTPS with a keystore from the configuration: a self-signed certificate made here by the JDK's keytool. */
class TlsTest {

    @Test
    void serves_https_with_the_configured_certificate_and_no_plain_http() throws Exception {
        Path tmp = Files.createTempDirectory("quarry-tls-it");
        Path keystore = tmp.resolve("quarry.p12");
        String password = "test-password-123";
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "quarry", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", password).redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

        Map<String, String> env = Map.of("QUARRY_DATA", tmp.resolve("data").toString(),
                "QUARRY_CONFIG", Files.writeString(tmp.resolve("q.yaml"), "").toString(),
                "QUARRY_TLS_KEYSTORE", keystore.toString(), "QUARRY_TLS_PASSWORD", password);
        QuarryConfig config = ConfigLoader.load(env);
        try (Quarry quarry = Quarry.open(config, env, embedding -> new FakeEmbedder());
             ApiServer server = new ApiServer(quarry, config.server().withPort(0), new IngestRoots(List.of())).start()) {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            try (var in = new FileInputStream(keystore.toFile())) {
                trusted.load(in, password.toCharArray());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            HttpClient client = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();

            HttpResponse<String> ok = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/readyz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("ready");
            assertThat(ok.sslSession()).get().extracting(s -> s.getProtocol()).isIn("TLSv1.3", "TLSv1.2");

            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThatThrownBy(() -> {
                HttpResponse<String> r = plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/readyz"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                // Jetty may answer plain text on a TLS port with a 400 rather than drop it: that is not service either.
                if (r.statusCode() == 400) throw new java.io.IOException("plain HTTP refused with 400");
            }).isInstanceOf(java.io.IOException.class);
        }
    }
}
