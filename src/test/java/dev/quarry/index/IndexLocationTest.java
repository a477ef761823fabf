package dev.quarry.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Index generations on disk: which is live, which came before, and where the next one goes. */
class IndexLocationTest {

    @TempDir
    Path data;

    private Path make(IndexLocation location) throws Exception {
        return Files.createDirectories(location.next());
    }

    @Test
    void a_switch_keeps_the_replaced_generation_and_names_it_previous() throws Exception {
        IndexLocation location = new IndexLocation(data, "docs");
        Path first = Files.createDirectories(location.current());
        Path second = make(location);

        assertThat(location.switchTo(second)).isEqualTo(first);

        assertThat(location.current()).isEqualTo(second);
        assertThat(location.previous()).contains(first);
        assertThat(location.generations()).containsExactly(first, second);
    }

    @Test
    void the_next_generation_is_numbered_past_a_kept_one_above_the_live_one() throws Exception {
        IndexLocation location = new IndexLocation(data, "docs");
        Path first = Files.createDirectories(location.current());
        Path second = make(location);
        location.switchTo(second);
        Files.writeString(second.resolve("kept"), "x");

        location.switchTo(first);

        assertThat(location.previous()).contains(second);
        assertThat(location.next()).isEqualTo(data.resolve("docs/index-3"));
        assertThat(second.resolve("kept")).exists();
    }

    @Test
    void promote_deletes_the_replaced_generation_and_leaves_no_previous() throws Exception {
        IndexLocation location = new IndexLocation(data, "docs");
        Path first = Files.createDirectories(location.current());
        Path second = make(location);

        location.promote(second);

        assertThat(first).doesNotExist();
        assertThat(location.previous()).isEmpty();
        assertThat(location.generations()).containsExactly(second);
    }

    @Test
    void the_live_generation_cannot_be_deleted_but_a_kept_one_can() throws Exception {
        IndexLocation location = new IndexLocation(data, "docs");
        Path first = Files.createDirectories(location.current());
        Path second = make(location);
        location.switchTo(second);

        assertThatThrownBy(() -> location.delete(second)).isInstanceOf(IndexException.class).hasMessageContaining("live");
        location.delete(first);

        assertThat(location.generations()).containsExactly(second);
        assertThat(location.previous()).isEmpty();
    }

    @Test
    void a_generation_left_half_built_is_marked_and_replaced_by_the_next_one() throws Exception {
        IndexLocation location = new IndexLocation(data, "docs");
        Files.createDirectories(location.current());
        Path halfBuilt = Files.createDirectories(location.nextUnfinished());
        Files.writeString(halfBuilt.resolve("partial"), "x");

        assertThat(location.building()).contains(halfBuilt);
        Path again = Files.createDirectories(location.nextUnfinished());

        assertThat(again).isEqualTo(halfBuilt);
        assertThat(again.resolve("partial")).doesNotExist();
        location.switchTo(again);
        assertThat(location.building()).isEmpty();
        assertThat(location.current()).isEqualTo(again);
    }
}
