package dev.quarry.ingest;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Lists the files under a folder that Quarry can parse, in a stable order. Hidden files and folders are left out;
 * symbolic links are not followed, so a link can neither loop nor lead out of the folder.
 */
final class FolderWalker {

    private final Predicate<Path> supported;

    FolderWalker(Predicate<Path> supported) {
        this.supported = supported;
    }

    record Listing(List<Path> files, List<SkippedFile> skipped) {
    }

    /** Lists {@code folder}, naming files relative to {@code root}. */
    Listing walk(Path root, Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        List<SkippedFile> skipped = new ArrayList<>();
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(folder) && isHidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (isHidden(file)) return FileVisitResult.CONTINUE;
                String relative = DocumentIds.relative(root, file);
                if (attrs.isSymbolicLink()) {
                    skipped.add(new SkippedFile(relative, "symbolic link (not followed)"));
                } else if (!attrs.isRegularFile()) {
                    skipped.add(new SkippedFile(relative, "not a regular file"));
                } else if (!supported.test(file)) {
                    skipped.add(new SkippedFile(relative, "unsupported file type"));
                } else {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                skipped.add(new SkippedFile(DocumentIds.relative(root, file), "unreadable: " + e.getClass().getSimpleName()));
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        return new Listing(files, skipped);
    }

    private static boolean isHidden(Path p) {
        return p.getFileName() != null && p.getFileName().toString().startsWith(".");
    }
}
