package dev.quarry.testing;

import dev.quarry.index.solr.SolrSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.HttpJdkSolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.common.util.NamedList;

/** What tests ask a SolrCloud directly: its collections, aliases and configsets, as Solr lists them. */
public final class SolrAdmin {

    private final String url;

    public SolrAdmin(SolrSettings settings) {
        this.url = settings.urls().getFirst();
    }

    public List<String> collections() {
        return names(request(new CollectionAdminRequest.List()).get("collections"));
    }

    public List<String> configsets() {
        return names(request(new ConfigSetAdminRequest.List()).get("configSets"));
    }

    /** Each alias with the collections it points to. */
    public Map<String, String> aliases() {
        Map<String, String> aliases = new LinkedHashMap<>();
        if (request(new CollectionAdminRequest.ListAliases()).get("aliases") instanceof Map<?, ?> map) {
            map.forEach((k, v) -> aliases.put(String.valueOf(k), String.valueOf(v)));
        }
        return aliases;
    }

    public void alias(String alias, String collection) {
        request(CollectionAdminRequest.createAlias(alias, collection));
    }

    private NamedList<Object> request(SolrRequest<?> request) {
        try (HttpJdkSolrClient client = new HttpJdkSolrClient.Builder(url).build()) {
            return client.request(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SolrServerException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> names(Object list) {
        return list instanceof List<?> names ? names.stream().map(String::valueOf).toList() : List.of();
    }
}
