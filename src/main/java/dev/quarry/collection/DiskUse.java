package dev.quarry.collection;

import dev.quarry.index.IndexException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The bytes a collection takes on disk, by what holds them: its live index, the other index generations kept beside
 * it, its snapshots, and the rest (description, judgments, tuning). A file hard-linked into several of these counts
 * once, where it is met first in that order: a snapshot of an unchanged index costs next to nothing.
 */
public record DiskUse(long index, long generations, long snapshots, long other) {

    public long total() {
        return index + generations + snapshots + other;
    }

    static DiskUse of(Path folder, Path liveIndex) {
        if (!Files.isDirectory(folder)) return new DiskUse(0, 0, 0, 0);
        List<BasicFileAttributes> live = new ArrayList<>();
        List<BasicFileAttributes> kept = new ArrayList<>();
        List<BasicFileAttributes> snapshots = new ArrayList<>();
        List<BasicFileAttributes> rest = new ArrayList<>();
        Path snapshotFolder = folder.resolve(SnapshotStore.FOLDER);
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (!attributes.isRegularFile()) return FileVisitResult.CONTINUE;
                    if (file.startsWith(liveIndex)) live.add(attributes);
                    else if (file.startsWith(snapshotFolder)) snapshots.add(attributes);
                    else if (folder.relativize(file).getName(0).toString().startsWith("index-")) kept.add(attributes);
                    else rest.add(attributes);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // Deleted while walked (a merge, a snapshot's clean-up): it no longer takes space.
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new IndexException("cannot measure the disk use of " + folder + ": " + e.getMessage(), e);
        }
        Set<Object> counted = new HashSet<>();
        return new DiskUse(bytes(live, counted), bytes(kept, counted), bytes(snapshots, counted), bytes(rest, counted));
    }

    private static long bytes(List<BasicFileAttributes> files, Set<Object> counted) {
        long bytes = 0;
        for (BasicFileAttributes f : files) {
            // Without a file key (some file systems) every path counts.
            if (f.fileKey() == null || counted.add(f.fileKey())) bytes += f.size();
        }
        return bytes;
    }
}
