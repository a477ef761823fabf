package dev.quarry.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.Quarry;
import dev.quarry.config.ConfigLoader;
import dev.quarry.index.IndexedChunk;
import dev.quarry.testing.Folders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An ingest killed with SIGKILL mid-way, in a real child process, then run again. */
class CrashRecoveryIT {

    @TempDir
    Path tmp;

    @Test
    void a_killed_ingest_resumes_with_every_file_exactly_once() throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        for (int i = 0; i < 150; i++) {
            Folders.write(docs, "d" + (i % 10) + "/note-" + i + ".md", note(i));
        }
        Path data = tmp.resolve("data");
        Map<String, String> env = Map.of("QUARRY_DATA", data.toString(), "QUARRY_INGEST_COMMIT_SECONDS", "1");

        Process child = startIngest(docs, env);
        Path indexDir = data.resolve("default/index-1");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        // Kill once at least one commit with documents is on disk (segments beyond the first, empty commit).
        while (countCommits(indexDir) < 3 && child.isAlive() && System.nanoTime() < deadline) Thread.sleep(100);
        assertThat(child.isAlive()).as("the ingest must still be running when it is killed").isTrue();
        child.destroyForcibly().waitFor();

        // Files deleted while the ingest was down must not survive the rerun.
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 150; i++) expected.add("d" + (i % 10) + "/note-" + i + ".md");
        for (int i = 0; i < 150; i += 15) {
            Files.delete(docs.resolve("d" + (i % 10) + "/note-" + i + ".md"));
            expected.remove("d" + (i % 10) + "/note-" + i + ".md");
        }

        try (Quarry quarry = Quarry.open(ConfigLoader.load(env))) {
            int before = quarry.defaultCollection().index().documentHashes().size();
            IngestReport report = quarry.defaultCollection().ingest(docs, null, IngestProgress.NONE, () -> false);
            System.out.printf("killed after %d files were committed; the rerun added %d, kept %d unchanged, deleted %d%n",
                    before, report.added(), report.unchanged(), report.deleted());
            assertThat(before).isPositive();
            assertThat(report.unchanged()).isPositive();

            assertThat(quarry.defaultCollection().index().documentHashes().keySet()).isEqualTo(expected);
            for (String doc : expected) {
                List<IndexedChunk> chunks = quarry.defaultCollection().index().documentChunks(doc);
                List<String> ids = chunks.stream().map(IndexedChunk::chunkId).toList();
                assertThat(ids).as(doc).doesNotHaveDuplicates()
                        .containsExactlyElementsOf(IntStream.range(0, ids.size()).mapToObj(n -> IndexedChunk.chunkId(doc, n)).toList());
            }
            List<String> all = new ArrayList<>();
            quarry.defaultCollection().index().forEachChunk(c -> all.add(c.chunkId()));
            assertThat(all).doesNotHaveDuplicates();
        }
    }

    private static Process startIngest(Path docs, Map<String, String> env) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "dev.quarry.cli.Main", "ingest", docs.toString());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    private static long countCommits(Path indexDir) throws Exception {
        if (!Files.isDirectory(indexDir)) return 0;
        try (var files = Files.list(indexDir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("segments_")).mapToLong(f -> {
                String gen = f.getFileName().toString().substring("segments_".length());
                return Long.parseLong(gen, Character.MAX_RADIX);
            }).max().orElse(0);
        }
    }

    private static String note(int i) {
        return "# Note " + i + "\n\n" + ("Field notes about topic " + i + ", with observations and measurements. ").repeat(12)
                + "\n\n## Details\n\n" + ("More detail on item " + i + " and what was seen. ").repeat(12);
    }
}
