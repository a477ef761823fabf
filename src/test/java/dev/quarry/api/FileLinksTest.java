package dev.quarry.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FileLinksTest {

    private Instant now = Instant.parse("2026-11-30T10:00:00Z");
    private final FileLinks links = new FileLinks(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    private static Map<String, String> query(String url) {
        Map<String, String> params = new HashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], kv[1]);
        }
        return params;
    }

    @Test
    void a_link_names_one_document_and_lasts_ten_minutes() {
        FileLinks.Link link = links.link("default", "manual/ä b.pdf");
        Map<String, String> q = query(link.url());

        assertThat(link.url()).startsWith("/v1/documents/manual/%C3%A4%20b.pdf/file?collection=default&");
        assertThat(links.valid("default", "manual/ä b.pdf", q.get("expires"), q.get("signature"))).isTrue();
        assertThat(links.valid("default", "manual/other.pdf", q.get("expires"), q.get("signature"))).isFalse();
        assertThat(links.valid("wiki", "manual/ä b.pdf", q.get("expires"), q.get("signature")))
                .as("the same id in another collection").isFalse();
        assertThat(links.valid("default", "manual/ä b.pdf", Long.toString(link.expires() + 3600), q.get("signature")))
                .as("a later expiry is not signed").isFalse();

        now = now.plus(FileLinks.LIFETIME).plusSeconds(1);
        assertThat(links.valid("default", "manual/ä b.pdf", q.get("expires"), q.get("signature"))).as("expired").isFalse();
    }

    @Test
    void another_server_does_not_accept_this_ones_links() {
        Map<String, String> q = query(links.link("default", "a.md").url());

        assertThat(new FileLinks(Clock.systemUTC()).valid("default", "a.md", q.get("expires"), q.get("signature"))).isFalse();
        assertThat(links.valid("default", "a.md", "soon", q.get("signature"))).isFalse();
        assertThat(links.valid("default", "a.md", q.get("expires"), null)).isFalse();
    }
}
