package dev.quarry.index.solr;

import dev.quarry.index.IndexException;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.HttpJdkSolrClient;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.util.NamedList;

/**
 * The Solr nodes Quarry was given, spoken to over the JDK's HTTP client. Every node of a SolrCloud accepts every
 * request and forwards it to the shards it concerns, so a request goes to the node that answered last and, when
 * that one cannot be reached, to the next.
 */
final class SolrNodes implements AutoCloseable {

    /** How long a request waits for a collection Solr does not know (see {@link #request}), and how often it asks. */
    private static final Duration MOVE_WAIT = Duration.ofSeconds(10);
    private static final Duration MOVE_POLL = Duration.ofMillis(100);

    private final List<String> urls;
    private final Duration timeout;
    private final List<HttpJdkSolrClient> clients = new ArrayList<>();
    private final AtomicInteger preferred = new AtomicInteger();

    SolrNodes(SolrSettings settings) {
        this.urls = settings.urls();
        this.timeout = settings.timeout();
        long timeout = settings.timeout().toMillis();
        for (String url : settings.urls()) {
            HttpJdkSolrClient.Builder builder = new HttpJdkSolrClient.Builder(url)
                    .withConnectionTimeout(Math.min(timeout, 10_000), TimeUnit.MILLISECONDS)
                    .withRequestTimeout(timeout, TimeUnit.MILLISECONDS);
            if (settings.username() != null) builder.withBasicAuthCredentials(settings.username(), settings.password());
            clients.add(builder.build());
        }
    }

    /**
     * Sends {@code request} about {@code collection} (null for cluster requests) to the first node that answers. A
     * collection Solr does not know, or knows without an active replica, is asked again for a few seconds: a rebuild
     * moves a collection's name from the collection to an alias (which cannot share it), and deletes the collection
     * an alias pointed to, which a node that has not yet heard of the new alias still asks. (A shard whose leader
     * is being elected after a node failed answers the same way for as long.)
     */
    NamedList<Object> request(SolrRequest<?> request, String collection) {
        long deadline = System.nanoTime() + Math.min(timeout.toNanos(), MOVE_WAIT.toNanos());
        while (true) {
            try {
                return requestOnce(request, collection);
            } catch (IndexException e) {
                if (collection == null || !isUnknownCollection(e) || System.nanoTime() > deadline) throw e;
            }
            try {
                Thread.sleep(MOVE_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IndexException("interrupted while waiting for the Solr collection '" + collection + "'", e);
            }
        }
    }

    private NamedList<Object> requestOnce(SolrRequest<?> request, String collection) {
        int first = preferred.get();
        IOException unreachable = null;
        for (int i = 0; i < clients.size(); i++) {
            int node = (first + i) % clients.size();
            try {
                NamedList<Object> response = clients.get(node).request(request, collection);
                preferred.set(node);
                return response;
            } catch (SolrServerException e) {
                if (!(e.getCause() instanceof IOException io)) throw failed(collection, e);
                unreachable = io;
            } catch (IOException e) {
                unreachable = e;
            } catch (SolrException e) {
                throw failed(collection, e);
            }
        }
        // A node that is slow counts as one that is down: a request waits for it at most solr.timeoutSeconds.
        String why = unreachable instanceof HttpTimeoutException ? "no answer within " + timeout.toSeconds()
                + " s (solr.timeoutSeconds)" : unreachable.getMessage();
        throw new IndexException("no Solr node answers (" + String.join(", ", urls) + ")"
                + (collection == null ? "" : " for the collection '" + collection + "'") + ": " + why, unreachable);
    }

    /** Not found, or found without active replicas: a collection being deleted is first the one, then the other. */
    private static boolean isUnknownCollection(IndexException e) {
        return e.getCause() instanceof SolrException solr && (solr.code() == SolrException.ErrorCode.NOT_FOUND.code
                || solr.code() == SolrException.ErrorCode.INVALID_STATE.code);
    }

    /** Whether Solr refused a write because the document's version was not the one it named. */
    static boolean isVersionConflict(IndexException e) {
        return e.getCause() instanceof SolrException solr && solr.code() == SolrException.ErrorCode.CONFLICT.code;
    }

    private static IndexException failed(String collection, Exception e) {
        return new IndexException("Solr" + (collection == null ? "" : " (collection '" + collection + "')") + " failed: "
                + e.getMessage(), e);
    }

    @Override
    public void close() {
        for (HttpJdkSolrClient client : clients) {
            try {
                client.close();
            } catch (IOException ignored) {
                // Closing an HTTP client releases connections only; nothing is lost.
            }
        }
    }
}
