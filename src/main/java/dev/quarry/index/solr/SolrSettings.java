package dev.quarry.index.solr;

import java.time.Duration;
import java.util.List;

/**
 * How to reach a SolrCloud and lay out a collection in it: the base URLs of some of its nodes (any one serves every
 * request; the others are tried in turn when it does not answer), the shards and replicas of a collection Quarry
 * creates, optional basic-auth credentials, and how long one request may take.
 */
public record SolrSettings(List<String> urls, int shards, int replicas, String username, String password,
                           Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public SolrSettings {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) throw new IllegalArgumentException("solr.urls must name at least one Solr node");
        for (String url : urls) {
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw new IllegalArgumentException("solr.urls must be http(s) URLs such as http://solr1:8983/solr, got '" + url + "'");
            }
        }
        if (shards < 1) throw new IllegalArgumentException("solr.shards must be at least 1, got " + shards);
        if (replicas < 1) throw new IllegalArgumentException("solr.replicas must be at least 1, got " + replicas);
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("solr basic auth needs both a user name and a password");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("solr.timeout must be positive, got " + timeout);
        }
    }

    public SolrSettings(List<String> urls, int shards, int replicas) {
        this(urls, shards, replicas, null, null, DEFAULT_TIMEOUT);
    }

    /** Without the password, for logs. */
    @Override
    public String toString() {
        return "SolrSettings[urls=" + urls + ", shards=" + shards + ", replicas=" + replicas + ", username=" + username
                + ", timeout=" + timeout + "]";
    }
}
