package dev.quarry.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.quarry.chunk.ChunkSettings;
import dev.quarry.index.ChunkFilter;
import dev.quarry.index.IndexManifest;
import dev.quarry.index.IndexedChunk;
import dev.quarry.index.lucene.LuceneChunkIndex;
import dev.quarry.ingest.parse.Parsers;
import dev.quarry.safety.Action;
import dev.quarry.safety.ContentScreen;
import dev.quarry.safety.Detectors;
import dev.quarry.safety.FindingType;
import dev.quarry.safety.SafetyPolicy;
import dev.quarry.testing.FakeEmbedder;
import dev.quarry.testing.Folders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class IngesterSafetyTest {

    @TempDir
    Path tmp;

    private Path docs;
    private LuceneChunkIndex index;

    @BeforeEach
    void setUp() throws Exception {
        docs = Files.createDirectories(tmp.resolve("docs"));
        index = LuceneChunkIndex.open(tmp.resolve("index"), IndexManifest.of(new FakeEmbedder().model(), ChunkSettings.DEFAULT));
        Folders.write(docs, "contacts.md", "# Contacts\n\nWrite to ana.costa@example.com about the invoice.\n\nCard 4111 1111 1111 1111 on file.");
        Folders.write(docs, "plain.md", "# Plain\n\nNothing personal in this note about sourdough.");
    }

    @AfterEach
    void tearDown() {
        index.close();
    }

    private IngestReport ingest(Map<FindingType, Action> actions) {
        Ingester ingester = new Ingester(index, new FakeEmbedder(), new Parsers(), ChunkSettings.DEFAULT, IngestSettings.DEFAULT,
                Clock.systemUTC(), r -> { }, new ContentScreen(new Detectors("US"), SafetyPolicy.DEFAULT.with(actions)));
        return ingester.ingest(docs, IngestProgress.NONE);
    }

    @Test
    void redacted_values_are_neither_stored_nor_searchable_and_offsets_point_into_the_redacted_text() {
        IngestReport report = ingest(Map.of(FindingType.EMAIL, Action.REDACT, FindingType.CARD, Action.REDACT));

        assertThat(report.findings()).containsExactly(Map.entry("card", 1), Map.entry("email", 1));
        List<IndexedChunk> chunks = index.documentChunks("contacts.md");
        String text = chunks.getFirst().text();
        assertThat(text).contains("Write to [EMAIL] about", "Card [CARD] on file").doesNotContain("ana.costa", "4111");
        assertThat(chunks.getFirst().end() - chunks.getFirst().start()).isEqualTo(text.length());
        assertThat(index.keywordSearch("ana.costa", 5, ChunkFilter.NONE)).isEmpty();
        assertThat(index.keywordSearch("invoice", 5, ChunkFilter.NONE)).hasSize(1);
    }

    @Test
    void tagged_values_are_kept_and_their_chunks_are_filterable_by_tag() {
        IngestReport report = ingest(Map.of());

        assertThat(report.findings()).containsEntry("email", 1);
        ChunkFilter tagged = new ChunkFilter(null, List.of(), List.of("safety:email"), null, null);
        assertThat(index.keywordSearch("note invoice", 5, tagged)).extracting(h -> h.chunk().path()).containsExactly("contacts.md");
        assertThat(index.documentChunks("contacts.md").getFirst().text()).contains("ana.costa@example.com");
    }

    @Test
    void skip_file_leaves_the_file_out_and_neither_the_report_nor_the_log_holds_a_value() {
        Logger logger = (Logger) LoggerFactory.getLogger("dev.quarry");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        IngestReport report;
        try {
            report = ingest(Map.of(FindingType.CARD, Action.SKIP_FILE, FindingType.EMAIL, Action.REDACT));
        } finally {
            logger.detachAppender(logged);
        }

        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(m -> assertThat(m).contains("contacts.md", "holds card"))
                .noneSatisfy(m -> assertThat(m).containsAnyOf("4111", "ana.costa"));

        assertThat(report.skipped()).containsExactly(new SkippedFile("contacts.md", "holds card (the safety policy skips such files)"));
        assertThat(index.documentHashes()).containsOnlyKeys("plain.md");
        assertThat(report.summary()).contains("found {card=1, email=1}").doesNotContain("4111");
    }
}
