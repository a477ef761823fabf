package dev.quarry.embed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files in jars that native code reads: a bundled model, which ONNX Runtime would otherwise be handed as bytes
 * inflated from its jar at every start, and ONNX Runtime's own libraries, which it would otherwise copy out of its jar
 * into a new temporary folder at every start (together about a third of a second of processor time). Each is unpacked
 * once into a cache folder under a name that carries its jar entry's checksum and size, so that another version lands
 * beside it rather than over it, and later starts read the copy. Where the folder cannot be written, everything is
 * read from the jars as before.
 */
final class UnpackedFiles {

    private static final Logger log = LoggerFactory.getLogger(UnpackedFiles.class);
    private static final String RUNTIME_RESOURCES = "/ai/onnxruntime/native/";

    private final Path folder;

    UnpackedFiles(Path folder) {
        this.folder = folder;
    }

    /** The user's cache folder for Quarry: {@code $XDG_CACHE_HOME/quarry}, else {@code ~/.cache/quarry}. */
    static UnpackedFiles standard() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new UnpackedFiles(base.resolve("quarry"));
    }

    /**
     * A file holding {@code resource}: the resource itself when it is a file, else its unpacked copy; empty when the
     * copy cannot be made.
     */
    Optional<Path> file(URL resource) {
        try {
            return switch (resource.getProtocol()) {
                case "file" -> Optional.of(Path.of(resource.toURI()));
                case "jar" -> Optional.of(unpacked((JarURLConnection) resource.openConnection()));
                default -> Optional.empty();
            };
        } catch (IOException | UncheckedIOException | URISyntaxException | IllegalArgumentException e) {
            log.info("Reading {} from its jar at every start: cannot keep a copy in {} ({})", resource, folder, e.toString());
            return Optional.empty();
        }
    }

    /**
     * Points ONNX Runtime at unpacked copies of its two native libraries, unless a library path is set already; to
     * be called before anything starts the runtime.
     */
    void pointOnnxRuntimeAtCopies() {
        if (System.getProperty("onnxruntime.native.path") != null) return;
        for (String library : new String[] {"onnxruntime", "onnxruntime4j_jni"}) {
            String property = "onnxruntime.native." + library + ".path";
            if (System.getProperty(property) != null) continue;
            URL resource = UnpackedFiles.class.getResource(RUNTIME_RESOURCES + platform() + "/" + System.mapLibraryName(library));
            if (resource == null) return;
            Optional<Path> copy = file(resource);
            if (copy.isEmpty()) return;
            System.setProperty(property, copy.get().toString());
        }
    }

    /** The platform folder ONNX Runtime's jar keeps its libraries in, as {@code linux-x64}. */
    private static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String system = os.contains("mac") ? "osx" : os.contains("win") ? "win" : "linux";
        String machine = arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch;
        return system + "-" + machine;
    }

    private Path unpacked(JarURLConnection connection) throws IOException {
        JarEntry entry = connection.getJarEntry();
        String name = Path.of(entry.getName()).getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        Path copy = folder.resolve(stem + "-" + Long.toHexString(entry.getCrc()) + "-" + entry.getSize() + extension);
        if (Files.isRegularFile(copy) && Files.size(copy) == entry.getSize()) return copy;
        Files.createDirectories(folder);
        // Written aside and moved in whole, so that another process never reads half a copy.
        Path part = Files.createTempFile(folder, stem, ".part");
        try {
            CRC32 crc = new CRC32();
            try (InputStream in = new CheckedInputStream(connection.getInputStream(), crc)) {
                Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            }
            if (crc.getValue() != entry.getCrc()) throw new IOException("the copy of " + name + " does not match its checksum");
            Files.move(part, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(part);
        }
        log.info("Unpacked {} to {} for later starts", name, copy);
        removeOtherVersions(stem, extension, copy);
        return copy;
    }

    /**
     * Earlier versions' copies of the same file, once a new one is in place. A process still using one keeps it open,
     * which POSIX systems allow; where the system refuses, the copy stays.
     */
    private void removeOtherVersions(String stem, String extension, Path kept) {
        Pattern version = Pattern.compile(Pattern.quote(stem) + "-[0-9a-f]+-\\d+" + Pattern.quote(extension));
        try (DirectoryStream<Path> others = Files.newDirectoryStream(folder, stem + "-*" + extension)) {
            for (Path other : others) {
                if (other.equals(kept) || !version.matcher(other.getFileName().toString()).matches()) continue;
                try {
                    Files.deleteIfExists(other);
                } catch (IOException e) {
                    log.debug("Cannot remove the earlier copy {}: {}", other, e.toString());
                }
            }
        } catch (IOException e) {
            log.debug("Cannot list {} for earlier copies: {}", folder, e.toString());
        }
    }
}
