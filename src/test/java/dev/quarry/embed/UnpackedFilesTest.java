package dev.quarry.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnpackedFilesTest {

    @TempDir
    Path dir;

    @Test
    void a_file_in_a_jar_is_unpacked_once_and_its_copy_read_after() throws Exception {
        URL model = entry(jar("models.jar", "models/tiny.onnx", "weights, version one"), "models/tiny.onnx");
        UnpackedFiles unpacked = new UnpackedFiles(dir.resolve("cache"));

        Path copy = unpacked.file(model).orElseThrow();
        assertThat(copy.getParent()).isEqualTo(dir.resolve("cache"));
        assertThat(copy.getFileName().toString()).matches("tiny-[0-9a-f]+-20\\.onnx");
        assertThat(Files.readString(copy)).isEqualTo("weights, version one");

        FileTime written = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(copy, written);
        assertThat(unpacked.file(model)).contains(copy);
        assertThat(Files.getLastModifiedTime(copy)).isEqualTo(written);
        assertThat(filesIn(dir.resolve("cache"))).containsExactly(copy.getFileName().toString());
    }

    @Test
    void a_copy_cut_short_is_unpacked_again() throws Exception {
        URL model = entry(jar("models.jar", "tiny.onnx", "weights, version one"), "tiny.onnx");
        UnpackedFiles unpacked = new UnpackedFiles(dir);
        Path copy = unpacked.file(model).orElseThrow();
        Files.writeString(copy, "weights");

        assertThat(unpacked.file(model)).contains(copy);
        assertThat(Files.readString(copy)).isEqualTo("weights, version one");
    }

    @Test
    void a_new_version_replaces_the_copy_of_the_old_and_leaves_other_files_alone() throws Exception {
        UnpackedFiles unpacked = new UnpackedFiles(dir.resolve("cache"));
        Path old = unpacked.file(entry(jar("one.jar", "tiny.onnx", "weights, version one"), "tiny.onnx")).orElseThrow();
        Path other = unpacked.file(entry(jar("other.jar", "tiny-q.onnx", "quantized"), "tiny-q.onnx")).orElseThrow();

        Path current = unpacked.file(entry(jar("two.jar", "tiny.onnx", "weights, version two"), "tiny.onnx")).orElseThrow();

        assertThat(current).isNotEqualTo(old);
        assertThat(Files.readString(current)).isEqualTo("weights, version two");
        assertThat(filesIn(dir.resolve("cache"))).containsExactlyInAnyOrder(current.getFileName().toString(),
                other.getFileName().toString());
    }

    @Test
    void a_file_outside_a_jar_is_read_where_it_is() throws Exception {
        Path model = Files.writeString(dir.resolve("own.onnx"), "weights");

        assertThat(new UnpackedFiles(dir.resolve("cache")).file(model.toUri().toURL())).contains(model);
        assertThat(dir.resolve("cache")).doesNotExist();
    }

    @Test
    void without_a_folder_to_write_to_there_is_no_copy() throws Exception {
        URL model = entry(jar("models.jar", "tiny.onnx", "weights"), "tiny.onnx");
        Path blocked = Files.writeString(dir.resolve("cache"), "a file where the folder would be");

        assertThat(new UnpackedFiles(blocked.resolve("quarry")).file(model)).isEmpty();
    }

    private Path jar(String name, String entry, String content) throws IOException {
        Path jar = dir.resolve(name);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(entry));
            out.write(content.getBytes());
            out.closeEntry();
        }
        return jar;
    }

    private static URL entry(Path jar, String entry) throws Exception {
        return URI.create("jar:" + jar.toUri() + "!/" + entry).toURL();
    }

    private static List<String> filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
