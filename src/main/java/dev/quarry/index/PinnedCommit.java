package dev.quarry.index;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A commit of an index whose files are held from deletion until it is closed, so they can be copied while the index
 * goes on serving and taking writes: index files are written once and never changed, so the copy is consistent.
 */
public record PinnedCommit(Path folder, List<File> files, Map<String, String> userData, int documents, int chunks,
                           Runnable release) implements AutoCloseable {

    /** One file of the commit; {@code checksum} is the CRC32 the index keeps in the file's own footer. */
    public record File(String name, long size, long checksum) {
    }

    public PinnedCommit {
        files = List.copyOf(files);
        userData = Map.copyOf(userData);
    }

    @Override
    public void close() {
        release.run();
    }
}
