package dev.quarry.testing;

import dev.quarry.Quarry;
import dev.quarry.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Map;

/** A Quarry over a data folder whose every model is the fake one: the application as served, with no model to load. */
public final class FakeQuarry {

    private FakeQuarry() {
    }

    public static Quarry open(Path dataDir) {
        return Quarry.open(ConfigLoader.load(Map.of("QUARRY_DATA", dataDir.toString())), Map.of(), embedding -> new FakeEmbedder());
    }
}
