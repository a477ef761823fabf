package dev.quarry.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.chunk.ChunkSettings;
import dev.quarry.index.ChunkFilter;
import dev.quarry.index.IndexManifest;
import dev.quarry.index.IndexedChunk;
import dev.quarry.index.lucene.LuceneChunkIndex;
import dev.quarry.search.Searcher;
import dev.quarry.testing.FakeEmbedder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatServiceTest {

    @TempDir
    Path dir;

    private LuceneChunkIndex index;
    private ChatService chat;

    @BeforeEach
    void fill() {
        FakeEmbedder embedder = new FakeEmbedder();
        index = LuceneChunkIndex.open(dir, IndexManifest.of(embedder.model(), ChunkSettings.DEFAULT));
        add("bread.md", "Feed the sourdough starter flour and water every day. A hungry starter smells of acetone.");
        add("bike.md", "Oil the bicycle chain every few hundred kilometres. A worn chain skips under load.");
        index.commit();
        chat = new ChatService(new Searcher(index, embedder), new ExtractiveAnswerer(embedder));
    }

    private void add(String doc, String text) {
        index.replaceDocument(doc, List.of(new IndexedChunk(doc + "#0", doc, doc, "Title " + doc, "", text, 100, 100 + text.length(),
                0, "h", 0, "markdown", List.of(), FakeEmbedder.vector(text))));
    }

    @AfterEach
    void close() {
        index.close();
    }

    @Test
    void answers_quote_sources_and_cite_them_by_number() {
        ChatAnswer answer = chat.answer(new ChatQuery(List.of(new ChatMessage("user", "why does my starter smell of acetone")),
                2, ChunkFilter.NONE, 0.1));

        assertThat(answer.notFound()).isFalse();
        assertThat(answer.answer()).startsWith("Extractive answer").contains("A hungry starter smells of acetone. [1]");
        Citation first = answer.citations().getFirst();
        assertThat(first.docId()).isEqualTo("bread.md");
        // The citation spans the sentences quoted from the source, in document offsets.
        assertThat(first.snippet()).endsWith("A hungry starter smells of acetone.");
        assertThat(first.end()).isEqualTo(100 + "Feed the sourdough starter flour and water every day. A hungry starter smells of acetone.".length());
    }

    @Test
    void a_documents_own_bracketed_numbers_are_quoted_as_text_never_as_citations() {
        add("violin.md", "Rosin the bow hair before you play [7] [2]. Loosen the bow hair after playing, always.");
        index.commit();

        ChatAnswer answer = chat.answer(new ChatQuery(List.of(new ChatMessage("user", "rosin the bow hair before you play")),
                1, ChunkFilter.NONE, 0.1));

        // The sentence after it in the paragraph comes along, so the citation follows both.
        assertThat(answer.answer()).contains("before you play \\[7] \\[2]. Loosen").endsWith("always. [1]");
        assertThat(answer.citations()).extracting(Citation::n).containsExactly(1);
        assertThat(CitationCheck.check(answer.answer(), 1).dropped()).as("nothing left for the check to drop").isZero();
        assertThat(CitationCheck.check("see \\[2] and [1]", 1).cited()).containsExactly(1);
    }

    @Test
    void answers_quote_whole_sentences_never_a_heading_and_bring_the_sentence_a_quote_points_back_to() {
        String text = "Hungry starter smell\n\nFeed it twice a day when it smells of acetone. This means the yeast "
                + "has eaten all its flour and needs feeding.\n\nfeed(starter, flour);\nwait(12 hours);";
        index.replaceDocument("smell.md", List.of(new IndexedChunk("smell.md#0", "smell.md", "smell.md", "Starter",
                "Hungry starter smell", text, 0, text.length(), 0, "h", 0, "markdown", List.of(), FakeEmbedder.vector(text))));
        index.commit();

        ChatAnswer answer = chat.answer(new ChatQuery(List.of(new ChatMessage("user",
                "what does it mean when the yeast has eaten all its flour")), 1, ChunkFilter.NONE, 0.1));

        assertThat(answer.answer()).doesNotContain("Hungry starter smell").doesNotContain("feed(starter")
                .contains("Feed it twice a day when it smells of acetone. This means the yeast has eaten all its flour "
                        + "and needs feeding. [1]");
    }

    @Test
    void nothing_similar_enough_means_the_documents_do_not_contain_it() {
        ChatAnswer answer = chat.answer(new ChatQuery(List.of(new ChatMessage("user", "who won the world cup")),
                2, ChunkFilter.NONE, 0.9));

        assertThat(answer.notFound()).isTrue();
        assertThat(answer.answer()).isEqualTo(ChatService.NOT_FOUND);
        assertThat(answer.citations()).isEmpty();
    }

    @Test
    void follow_up_questions_carry_earlier_user_turns_into_the_search() {
        String text = ChatService.searchText(List.of(new ChatMessage("user", "how do I oil a bicycle chain"),
                new ChatMessage("assistant", "Use dry lube."), new ChatMessage("user", "and how often?")));

        assertThat(text).isEqualTo("how do I oil a bicycle chain and how often?");
    }

    @Test
    void a_conversation_must_end_with_the_user() {
        assertThatThrownBy(() -> new ChatQuery(List.of(new ChatMessage("assistant", "hi")), 5, null, 0.5))
                .hasMessageContaining("must end with a user message");
    }
}
