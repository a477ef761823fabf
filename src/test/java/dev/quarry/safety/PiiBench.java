package dev.quarry.safety;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Precision and recall per type on the labelled snippets' dev and held-out splits, then what the detectors (and the
 * injection detector) find in evaluation collections that hold almost no personal data, and how fast they read them.
 * Run by {@code scripts/bench-pii [eval-folder]}.
 */
public final class PiiBench {

    public static void main(String[] args) throws IOException {
        Path eval = Path.of(args.length > 0 ? args[0] : "../shared/eval");
        Detectors detectors = new Detectors("US");
        LabelledSnippets all = LabelledSnippets.load();
        for (String split : List.of("dev", "heldout")) {
            LabelledSnippets set = all.split(split);
            System.out.printf("%s split: %d snippets (%d without findings)%n", split, set.snippets().size(),
                    set.snippets().stream().filter(s -> s.findings().isEmpty()).count());
            table(set.score(detectors));
        }
        System.out.printf("%-14s %8s %9s %9s  %s%n", "collection", "records", "MB", "MB/s", "findings by type");
        try (Stream<Path> dirs = Files.list(eval)) {
            for (Path dir : dirs.sorted().toList()) {
                Path corpus = dir.resolve("corpus.jsonl");
                if (Files.isRegularFile(corpus)) scanCorpus(detectors, dir.getFileName().toString(), corpus);
            }
        }
    }

    private static void table(DetectionScores scores) {
        System.out.printf("%-12s %6s %5s %5s %5s %9s %7s %7s%n", "type", "target", "tp", "fp", "fn", "precision", "recall", "met");
        for (FindingType type : FindingType.values()) {
            double target = type.checksummed() ? 0.95 : 0.9;
            boolean met = scores.precision(type) >= target && scores.recall(type) >= target;
            System.out.printf("%-12s %6.2f %5d %5d %5d %9.3f %7.3f %7s%n", type.label(), target, scores.truePositives(type),
                    scores.falsePositives(type), scores.falseNegatives(type), scores.precision(type), scores.recall(type), met ? "yes" : "NO");
        }
        if (!scores.errors().isEmpty()) System.out.print("errors (synthetic values):\n" + scores.errors());
        System.out.println();
    }

    private static void scanCorpus(Detectors detectors, String name, Path corpus) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, Integer> found = new TreeMap<>();
        InjectionDetector injections = new InjectionDetector();
        long chars = 0;
        int records = 0;
        long took = 0;
        try (BufferedReader in = Files.newBufferedReader(corpus)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode row = json.readTree(line);
                String text = row.path("title").asText() + "\n" + row.path("text").asText();
                long start = System.nanoTime();
                List<Finding> findings = detectors.scan(text);
                took += System.nanoTime() - start;
                findings.forEach(f -> found.merge(f.type().label(), 1, Integer::sum));
                int flagged = injections.find(text).size();
                if (flagged > 0) found.merge("injection", flagged, Integer::sum);
                chars += text.length();
                records++;
            }
        }
        double mb = chars / 1e6;
        System.out.printf("%-14s %8d %9.1f %9.2f  %s%n", name, records, mb, mb / (took / 1e9), found.isEmpty() ? "none" : found);
    }
}
