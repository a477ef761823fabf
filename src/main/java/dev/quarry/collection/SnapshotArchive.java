package dev.quarry.collection;

import dev.quarry.error.QuarryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A snapshot as one tar stream: {@code quarry-snapshot.json} first (the manifest, with every file's SHA-256), then the
 * files, then {@code SHA256SUMS} so the archive can be checked with {@code sha256sum -c} too. Written and read as a
 * stream: neither side holds the archive in memory or on disk as a whole.
 */
final class SnapshotArchive {

    private static final String SUMS = "SHA256SUMS";

    private SnapshotArchive() {
    }

    static void write(Snapshot snapshot, SnapshotStore store, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        byte[] manifest = SnapshotManifest.write(snapshot);
        entry(tar, SnapshotManifest.FILE, manifest);
        StringBuilder sums = new StringBuilder();
        for (Snapshot.SnapshotFile f : snapshot.files()) {
            TarArchiveEntry entry = new TarArchiveEntry(f.path());
            entry.setSize(f.size());
            entry.setModTime(snapshot.created().toEpochMilli());
            tar.putArchiveEntry(entry);
            try (InputStream in = store.open(f)) {
                long copied = in.transferTo(tar);
                if (copied != f.size()) throw new IOException("the stored " + f.path() + " has " + copied + " bytes, not " + f.size());
            }
            tar.closeArchiveEntry();
            sums.append(f.sha256()).append("  ").append(f.path()).append('\n');
        }
        entry(tar, SUMS, sums.toString().getBytes(StandardCharsets.UTF_8));
        tar.finish();
        tar.flush();
    }

    private static void entry(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    /**
     * Unpacks an archive into {@code staging}, checking every file's size and SHA-256 against the manifest as it is
     * written; refuses an archive that is not a Quarry snapshot, is damaged, truncated, or holds files its manifest
     * does not list. Nothing outside {@code staging} is touched.
     */
    static Snapshot unpack(InputStream in, Path staging) {
        TarArchiveInputStream tar = new TarArchiveInputStream(in, StandardCharsets.UTF_8.name());
        Snapshot snapshot;
        try {
            TarArchiveEntry first = next(tar);
            if (first == null || !first.getName().equals(SnapshotManifest.FILE)) {
                throw SnapshotManifest.foreign("the archive", "it does not begin with " + SnapshotManifest.FILE);
            }
            snapshot = SnapshotManifest.read(tar.readAllBytes(), "the archive");
        } catch (IOException e) {
            throw SnapshotManifest.foreign("the archive", "it is not a tar archive (" + e.getMessage() + ")");
        }
        Map<String, Snapshot.SnapshotFile> expected = new LinkedHashMap<>();
        snapshot.files().forEach(f -> expected.put(f.path(), f));
        Set<String> seen = new HashSet<>();
        try {
            for (TarArchiveEntry entry; (entry = next(tar)) != null; ) {
                if (entry.getName().equals(SUMS)) continue;
                Snapshot.SnapshotFile file = expected.get(entry.getName());
                if (file == null || !seen.add(file.path())) {
                    throw damaged("it holds " + entry.getName() + ", which its manifest does not list (or lists once)");
                }
                Path target = staging.resolve(file.path());
                Files.createDirectories(target.getParent());
                Checksums.Copied copied;
                try (OutputStream out = Files.newOutputStream(target)) {
                    copied = Checksums.copy(tar, out);
                }
                if (copied.size() != file.size() || !copied.sha256().equals(file.sha256())) {
                    throw damaged(file.path() + " does not match its checksum in the manifest (" + copied.size() + " bytes, SHA-256 "
                            + copied.sha256() + "; the manifest says " + file.size() + " bytes, " + file.sha256() + ")");
                }
            }
        } catch (IOException e) {
            throw damaged("it is truncated or its tar structure is broken (" + e.getMessage() + ")");
        }
        for (String path : expected.keySet()) if (!seen.contains(path)) throw damaged("it lacks " + path + ", which its manifest lists");
        return snapshot;
    }

    private static TarArchiveEntry next(TarArchiveInputStream tar) throws IOException {
        try {
            return tar.getNextEntry();
        } catch (IllegalArgumentException e) {
            // A header of garbage can fail to parse as numbers rather than as a tar header.
            throw new IOException(e.getMessage(), e);
        }
    }

    private static QuarryException damaged(String why) {
        return new QuarryException(QuarryException.Kind.INVALID, "snapshot", "the snapshot archive is damaged and was"
                + " not restored: " + why);
    }
}
