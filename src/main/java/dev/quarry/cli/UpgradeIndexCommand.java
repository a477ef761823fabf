package dev.quarry.cli;

import dev.quarry.Quarry;
import dev.quarry.collection.CollectionFactory;
import dev.quarry.collection.CollectionSpec;
import dev.quarry.collection.Collections;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.error.QuarryException;
import dev.quarry.index.IndexBackend;
import dev.quarry.index.IndexLocation;
import dev.quarry.index.lucene.IndexUpgrade;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code quarry upgrade-index [<collection>]}: rewrites an index carried over from an older Lucene, in place. */
@Command(name = "upgrade-index", description = "Rewrite a collection's index in the format of this Quarry's Lucene, in"
        + " place, keeping its manifest and sources (stop the server first). Indexes of the previous Lucene major are"
        + " served without it, through Lucene's backward codecs; `check` shows which versions wrote an index.")
final class UpgradeIndexCommand implements Callable<Integer> {

    private final Map<String, String> env;

    UpgradeIndexCommand(Map<String, String> env) {
        this.env = env;
    }

    @Parameters(arity = "0..1", paramLabel = "<collection>", description = "The collection (default: the configured one).")
    String collection;

    @Override
    public Integer call() {
        QuarryConfig config = ConfigLoader.load(env);
        String name = collection == null ? config.collection() : collection;
        if (config.backend(name) instanceof IndexBackend.Solr) {
            throw new QuarryException(QuarryException.Kind.INVALID, "collection", "the collection '" + name + "' is kept"
                    + " in SolrCloud, which upgrades its own indexes: nothing to do here");
        }
        CollectionSpec spec;
        try (CollectionFactory factory = Quarry.factory(config, env)) {
            spec = Collections.described(factory).get(name);
        }
        if (spec == null) throw new QuarryException(QuarryException.Kind.NOT_FOUND, "collection", "no collection named '" + name + "'");
        IndexUpgrade.Result result = IndexUpgrade.run(new IndexLocation(config.dataDir(), name).current(),
                config.hnsw().withVectors(spec.vectors()));
        System.out.println(result.dir() + ": was " + result.before().describe());
        System.out.println("upgraded: now " + result.after().describe());
        return 0;
    }
}
