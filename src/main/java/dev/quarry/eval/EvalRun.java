package dev.quarry.eval;

import dev.quarry.search.FusionSettings;
import dev.quarry.search.SearchMode;
import java.util.List;
import java.util.Locale;

/** One way of searching to measure: a mode and, for hybrid, its fusion. */
public record EvalRun(String name, SearchMode mode, FusionSettings fusion) {

    public static EvalRun of(SearchMode mode, FusionSettings fusion) {
        return new EvalRun(mode.name().toLowerCase(Locale.ROOT), mode, fusion);
    }

    /** Vector, keyword and hybrid with the given fusion. */
    public static List<EvalRun> standard(FusionSettings fusion) {
        return List.of(of(SearchMode.VECTOR, fusion), of(SearchMode.KEYWORD, fusion), of(SearchMode.HYBRID, fusion));
    }
}
