package dev.quarry.cli;

import dev.quarry.Quarry;
import dev.quarry.collection.Collection;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.eval.BeirCollection;
import dev.quarry.eval.EvalException;
import dev.quarry.tune.Judgment;
import dev.quarry.tune.JudgmentStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code quarry judgments import|export|list|delete}: a collection's judged queries, which {@code quarry tune} learns from. */
@Command(name = "judgments", description = "Import, export, list or delete a collection's judged queries (what `quarry tune` learns from).",
        subcommands = {JudgmentsCommand.Import.class, JudgmentsCommand.Export.class, JudgmentsCommand.ListJudgments.class,
                JudgmentsCommand.Delete.class})
final class JudgmentsCommand {

    /** Options every subcommand shares. */
    abstract static class OnCollection implements Callable<Integer> {

        final Map<String, String> env;

        OnCollection(Map<String, String> env) {
            this.env = env;
        }

        @Option(names = "--collection", paramLabel = "<name>", description = "The collection (default: the default collection).")
        String collection;

        @Override
        public Integer call() {
            QuarryConfig config = ConfigLoader.load(env);
            try (Quarry quarry = Quarry.openReadOnly(config, env, collection)) {
                return run(quarry.collection(collection));
            }
        }

        abstract int run(Collection c);
    }

    @Command(name = "import", description = "Add the judgments of BEIR files: queries.jsonl (_id, text) and qrels.tsv (query id,"
            + " document id as Quarry shows it, grade). Judgments naming documents the collection lacks are counted.")
    static final class Import extends OnCollection {

        Import(Map<String, String> env) {
            super(env);
        }

        @Parameters(index = "0", paramLabel = "<queries.jsonl>")
        Path queries;

        @Parameters(index = "1", paramLabel = "<qrels.tsv>")
        Path qrels;

        @Option(names = "--who", description = "Who judged (default: ${DEFAULT-VALUE}).", defaultValue = "import")
        String who;

        @Override
        int run(Collection c) {
            Map<String, String> texts;
            Map<String, Map<String, Integer>> grades;
            try {
                texts = BeirCollection.readQueries(queries);
                grades = BeirCollection.readQrels(qrels);
            } catch (EvalException e) {
                System.err.println("quarry judgments import: " + e.getMessage());
                return UsageErrors.EXIT;
            }
            List<Judgment> judgments = new ArrayList<>();
            List<String> unknownQueries = new ArrayList<>();
            Instant now = Instant.now();
            grades.forEach((queryId, docs) -> {
                String text = texts.get(queryId);
                if (text == null || text.isBlank()) {
                    unknownQueries.add(queryId);
                    return;
                }
                docs.forEach((docId, grade) -> judgments.add(new Judgment(text, docId, Math.max(0, Math.min(3, grade)), who, now, "import")));
            });
            if (!unknownQueries.isEmpty()) {
                System.err.println("quarry judgments import: " + qrels + " names " + unknownQueries.size() + " queries that "
                        + queries + " does not hold, e.g. " + unknownQueries.getFirst() + "; nothing was imported");
                return UsageErrors.EXIT;
            }
            long missing = judgments.stream().map(Judgment::docId).distinct().filter(d -> c.index().documentChunks(d).isEmpty()).count();
            c.tuning().judgments().add(judgments);
            System.out.printf("imported %d judgments of %d queries into %s%s%n", judgments.size(), grades.size(), c.name(),
                    missing == 0 ? "" : "; " + missing + " documents they name are not in the collection (ids as search shows them)");
            return 0;
        }
    }

    @Command(name = "export", description = "Write the judgments as BEIR files (queries.jsonl, qrels.tsv) into a folder.")
    static final class Export extends OnCollection {

        Export(Map<String, String> env) {
            super(env);
        }

        @Parameters(paramLabel = "<folder>")
        Path folder;

        @Override
        int run(Collection c) {
            Map<String, String> ids = new LinkedHashMap<>();
            List<Judgment> all = c.tuning().judgments().all();
            for (Judgment j : all) ids.computeIfAbsent(j.query(), q -> "q" + (ids.size() + 1));
            ObjectMapper json = new ObjectMapper();
            try {
                Files.createDirectories(folder);
                try (BufferedWriter out = Files.newBufferedWriter(folder.resolve("queries.jsonl"), StandardCharsets.UTF_8)) {
                    for (var e : ids.entrySet()) {
                        out.write(json.writeValueAsString(Map.of("_id", e.getValue(), "text", e.getKey())));
                        out.write('\n');
                    }
                }
                try (BufferedWriter out = Files.newBufferedWriter(folder.resolve("qrels.tsv"), StandardCharsets.UTF_8)) {
                    out.write("query-id\tcorpus-id\tscore\n");
                    for (Judgment j : all) out.write(ids.get(j.query()) + "\t" + j.docId() + "\t" + j.grade() + "\n");
                }
            } catch (IOException e) {
                System.err.println("quarry judgments export: cannot write " + folder + ": " + e.getMessage());
                return 1;
            }
            System.out.printf("wrote %d judgments of %d queries to %s%n", all.size(), ids.size(), folder);
            return 0;
        }
    }

    @Command(name = "list", description = "List the judged queries with how many documents were judged relevant.")
    static final class ListJudgments extends OnCollection {

        ListJudgments(Map<String, String> env) {
            super(env);
        }

        @Override
        int run(Collection c) {
            Map<String, int[]> perQuery = new LinkedHashMap<>();
            for (Judgment j : c.tuning().judgments().all()) {
                int[] counts = perQuery.computeIfAbsent(j.query(), q -> new int[2]);
                counts[j.relevant() ? 0 : 1]++;
            }
            perQuery.forEach((q, n) -> System.out.printf("%3d relevant %3d not  %s%n", n[0], n[1], q));
            System.out.printf("%d judged queries in %s%n", perQuery.size(), c.name());
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete the judgments of one query (--query), or all of them (--all).")
    static final class Delete extends OnCollection {

        Delete(Map<String, String> env) {
            super(env);
        }

        @Option(names = "--query", paramLabel = "<text>", description = "The query whose judgments go.")
        String query;

        @Option(names = "--all", description = "Delete every judgment of the collection.")
        boolean all;

        @Override
        int run(Collection c) {
            if ((query == null) == !all) {
                System.err.println("quarry judgments delete: give either --query <text> or --all");
                return UsageErrors.EXIT;
            }
            JudgmentStore store = c.tuning().judgments();
            int deleted = store.delete(j -> all || j.query().equals(query));
            System.out.printf("deleted %d judgments from %s%n", deleted, c.name());
            return 0;
        }
    }
}
