package dev.quarry.ingest;

import dev.quarry.chunk.Chunk;
import dev.quarry.chunk.ChunkSettings;
import dev.quarry.chunk.Chunker;
import dev.quarry.embed.Embedder;
import dev.quarry.index.ChunkIndex;
import dev.quarry.ingest.parse.Parsers;
import dev.quarry.safety.ContentScreen;
import dev.quarry.safety.Screened;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings an index in line with a folder. A reader thread hashes, parses and chunks files into a bounded queue while
 * the calling thread embeds chunks in batches and writes each file's chunks as one block, so ingestion runs at the
 * embedder's speed with bounded memory. Files whose content hash is already indexed are not embedded again; indexed
 * files that are gone from the folder are deleted.
 */
public final class Ingester {

    private static final Logger log = LoggerFactory.getLogger(Ingester.class);
    private static final int QUEUE_CAPACITY = 64;
    /** The source of an index filled from a single folder: its document ids carry no prefix. */
    public static final String UNNAMED = "";

    private final ChunkIndex index;
    private final Embedder embedder;
    private final Parsers parsers;
    private final Chunker chunker;
    private final IngestSettings settings;
    private final Clock clock;
    private final Consumer<IngestReport> onReport;
    private final ContentScreen screen;
    private final IngestAdmission admission;

    public Ingester(ChunkIndex index, Embedder embedder, Parsers parsers, ChunkSettings chunking,
                    IngestSettings settings, Clock clock) {
        this(index, embedder, parsers, chunking, settings, clock, report -> { }, ContentScreen.NONE);
    }

    /**
     * {@code onReport} hears of every finished run (the metrics count them); {@code screen} applies the collection's
     * safety policy to each parsed file before it is chunked.
     */
    public Ingester(ChunkIndex index, Embedder embedder, Parsers parsers, ChunkSettings chunking,
                    IngestSettings settings, Clock clock, Consumer<IngestReport> onReport, ContentScreen screen) {
        this(index, embedder, parsers, chunking, settings, clock, onReport, screen, IngestAdmission.ANY);
    }

    /** {@code admission} may refuse a run once its files are listed, before anything is written (a disk limit). */
    public Ingester(ChunkIndex index, Embedder embedder, Parsers parsers, ChunkSettings chunking, IngestSettings settings,
                    Clock clock, Consumer<IngestReport> onReport, ContentScreen screen, IngestAdmission admission) {
        this.admission = admission;
        this.onReport = onReport;
        this.screen = screen;
        this.index = index;
        this.embedder = embedder;
        this.parsers = parsers;
        this.chunker = new Chunker(embedder.tokenizer(), chunking);
        this.settings = settings;
        this.clock = clock;
    }

    public IngestReport ingest(Path folder, IngestProgress progress) {
        return ingest(folder, progress, () -> false);
    }

    /** Ingests {@code folder} as the index's one unnamed source; once {@code stop} turns true the run ends after its current batch. */
    public IngestReport ingest(Path folder, IngestProgress progress, BooleanSupplier stop) {
        Path root = realFolder(folder);
        return ingest(UNNAMED, root, root, progress, stop);
    }

    public IngestReport ingest(Path rootFolder, Path folder, IngestProgress progress) {
        return ingest(UNNAMED, rootFolder, folder, progress, () -> false);
    }

    /**
     * Brings the part of the index under {@code folder} in line with it. {@code rootFolder} is the folder the source
     * {@code source} is filled from: document ids are relative to it, prefixed by {@code source/} for a named source
     * (an index filled from a single folder has one unnamed source, {@value #UNNAMED}, and no prefix); only indexed
     * documents of that source under {@code folder} can be deleted. Once {@code stop} turns true the run writes the
     * batch in flight, commits and throws {@link IngestStoppedException}: what was done is kept, and the next run
     * resumes from there.
     */
    public IngestReport ingest(String source, Path rootFolder, Path folder, IngestProgress progress, BooleanSupplier stop) {
        long started = clock.millis();
        Path walked = realFolder(folder);
        Path root = realFolder(rootFolder);
        if (!walked.startsWith(root)) throw new IngestException(folder + " is not inside " + root);
        String recorded = index.sources().get(source);
        if (recorded != null && !recorded.equals(root.toString())) {
            throw new IngestException((source.isEmpty() ? "this index holds documents from " : "the source '" + source
                    + "' of this index holds documents from ") + recorded + ", not " + root + ". Ingesting another folder"
                    + " in its place would delete them: add the folder as a source of its own (a collection can have"
                    + " several), or use --rebuild to replace the index.");
        }
        Set<String> sourceNames = new HashSet<>(index.sources().keySet());
        sourceNames.add(source);
        DocumentIds ids = new DocumentIds(source, root, sourceNames);
        FolderWalker.Listing listing = list(root, walked);
        Map<String, String> indexed = index.documentHashes();
        admission.admit(newBytes(listing, ids, indexed));
        index.source(source, root.toString());
        Run run = new Run(ids, root, listing, indexed, progress, stop);
        progress.update(0, listing.files().size(), 0);
        run.execute();
        if (run.stopped) {
            index.commit();
            throw new IngestStoppedException("ingest of " + walked + " stopped after " + run.filesDone + " of "
                    + listing.files().size() + " files; what was ingested is committed, and running it again resumes");
        }

        Set<String> gone = new HashSet<>();
        for (String id : run.indexed.keySet()) if (ids.owns(id, walked) && !run.seen.contains(id)) gone.add(id);
        gone.forEach(index::deleteDocument);
        index.commit();
        index.mergeSegments();
        double seconds = (clock.millis() - started) / 1000.0;
        IngestReport report = new IngestReport(walked.toString(), listing.files().size(), run.added, run.updated,
                run.unchanged, gone.size(), run.chunksEmbedded, run.skipped, seconds, run.findings);
        log.info("Ingested {}: {}", walked, report.summary());
        onReport.accept(report);
        return report;
    }

    /**
     * Refuses, as a run would, an ingest of {@code folder} that its admission does not allow; called before a run is
     * queued, so a caller hears at once.
     */
    public void admit(String source, Path rootFolder, Path folder) {
        Path root = realFolder(rootFolder);
        Set<String> sourceNames = new HashSet<>(index.sources().keySet());
        sourceNames.add(source);
        DocumentIds ids = new DocumentIds(source, root, sourceNames);
        admission.admit(newBytes(list(root, realFolder(folder)), ids, index.documentHashes()));
    }

    private FolderWalker.Listing list(Path root, Path walked) {
        try {
            return new FolderWalker(f -> parsers.forFile(f).isPresent()).walk(root, walked);
        } catch (IOException e) {
            throw new IngestException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    /** The size of the listed files not indexed yet: changed files replace what they had, so they add about nothing. */
    private static long newBytes(FolderWalker.Listing listing, DocumentIds ids, Map<String, String> indexed) {
        long bytes = 0;
        for (Path file : listing.files()) {
            if (!indexed.containsKey(ids.of(file))) bytes += file.toFile().length();
        }
        return bytes;
    }

    private static Path realFolder(Path folder) {
        try {
            Path real = folder.toRealPath();
            if (!Files.isDirectory(real)) throw new IngestException(folder + " is not a folder");
            return real;
        } catch (NoSuchFileException e) {
            throw new IngestException("folder " + folder + " does not exist", e);
        } catch (IOException e) {
            throw new IngestException("cannot open folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The state of one ingest run. */
    private final class Run {
        private static final DocumentWriter.Pending END = new DocumentWriter.Pending("", null, List.of(), "", 0);

        final DocumentIds ids;
        final Path root;
        final FolderWalker.Listing listing;
        final Map<String, String> indexed;
        final IngestProgress progress;
        final BooleanSupplier stop;
        volatile boolean stopped;
        final Set<String> seen = new HashSet<>();
        final List<SkippedFile> skipped = new ArrayList<>();
        final Map<String, Integer> findings = new TreeMap<>();
        final BlockingQueue<DocumentWriter.Pending> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        final DocumentWriter writer = new DocumentWriter(index, embedder, settings.embedBatch());
        final AtomicReference<Throwable> readerFailure = new AtomicReference<>();
        int added;
        int updated;
        int unchanged;
        int chunksEmbedded;
        int filesDone;
        long lastCommit;
        /** They learn the listing's site when its first HTML page needs parsing, not when no page changed. */
        final Parsers siteParsers;

        Run(DocumentIds ids, Path root, FolderWalker.Listing listing, Map<String, String> indexed, IngestProgress progress,
            BooleanSupplier stop) {
            this.ids = ids;
            this.stop = stop;
            this.root = root;
            this.listing = listing;
            this.indexed = indexed;
            this.progress = progress;
            this.skipped.addAll(listing.skipped());
            this.siteParsers = parsers.forSite(listing.files(), settings.maxFileBytes());
        }

        void execute() {
            lastCommit = clock.millis();
            Thread reader = Thread.ofPlatform().name("quarry-ingest-reader").daemon().start(this::readAll);
            try {
                for (DocumentWriter.Pending doc = queue.take(); doc != END; doc = queue.take()) {
                    if (stop.getAsBoolean()) {
                        // The reader sees the flag too; drain what it already queued so it can finish.
                        stopped = true;
                        while (queue.take() != END) { }
                        break;
                    }
                    flush(writer.add(doc));
                }
                flush(writer.flush());
                reader.join();
            } catch (InterruptedException e) {
                // The reader only reads source files, so it may be interrupted; the index is never touched by it.
                reader.interrupt();
                Thread.currentThread().interrupt();
                throw new IngestException("ingest of " + root + " was interrupted", e);
            }
            if (readerFailure.get() != null) {
                throw new IngestException("reading " + root + " failed: " + readerFailure.get().getMessage(), readerFailure.get());
            }
        }

        /** Runs on the reader thread: everything before embedding. */
        private void readAll() {
            try {
                for (Path file : listing.files()) {
                    if (stopped || stop.getAsBoolean()) {
                        // A listing cut short must not count as complete: unseen files would be deleted.
                        stopped = true;
                        break;
                    }
                    DocumentWriter.Pending doc = prepare(file);
                    if (doc != null) queue.put(doc);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                readerFailure.set(e);
            } finally {
                try {
                    queue.put(END);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private DocumentWriter.Pending prepare(Path file) {
            String docId = ids.of(file);
            synchronized (this) {
                seen.add(docId);
            }
            String owner = ids.otherSourceOwning(docId);
            if (owner != null) return skip(docId, "its id is taken by the source '" + owner + "' of this index: rename its folder");
            try {
                long size = Files.size(file);
                if (size > settings.maxFileBytes()) {
                    return skip(docId, "larger than ingest.maxFileBytes (" + size + " > " + settings.maxFileBytes() + " bytes)");
                }
                byte[] content = Files.readAllBytes(file);
                String hash = ContentHash.of(content);
                if (hash.equals(indexed.get(docId))) {
                    synchronized (this) {
                        unchanged++;
                        filesDone++;
                    }
                    return null;
                }
                Screened screened = screen.screen(siteParsers.forFile(file).orElseThrow().parse(file, content));
                count(screened.countsByLabel());
                if (screened.skipReason() != null) return skip(docId, screened.skipReason());
                List<Chunk> chunks = chunker.chunk(screened.document());
                if (chunks.isEmpty()) return skip(docId, "no text to index");
                long modified = Files.getLastModifiedTime(file).toMillis();
                return new DocumentWriter.Pending(docId, screened.document(), chunks, hash, modified,
                        chunks.stream().map(c -> screened.tags(c.start(), c.end())).toList());
            } catch (NoSuchFileException e) {
                return skip(docId, "vanished while reading");
            } catch (IOException | UncheckedIOException e) {
                return skip(docId, "unreadable: " + e.getMessage());
            } catch (RuntimeException e) {
                log.debug("Cannot parse {}", file, e);
                return skip(docId, "cannot parse: " + e.getMessage());
            }
        }

        private synchronized void count(Map<String, Integer> found) {
            found.forEach((label, n) -> findings.merge(label, n, Integer::sum));
        }

        private synchronized DocumentWriter.Pending skip(String docId, String reason) {
            log.warn("Skipping {}: {}", docId, reason);
            skipped.add(new SkippedFile(docId, reason));
            // A file that can no longer be read loses its old chunks too: the index must not serve stale text.
            seen.remove(docId);
            filesDone++;
            return null;
        }

        private void flush(List<DocumentWriter.Pending> written) {
            if (written.isEmpty()) return;
            synchronized (this) {
                for (DocumentWriter.Pending doc : written) {
                    if (indexed.containsKey(doc.docId())) updated++; else added++;
                    chunksEmbedded += doc.chunks().size();
                    filesDone++;
                }
            }
            if (clock.millis() - lastCommit >= settings.commitInterval().toMillis()) {
                index.commit();
                lastCommit = clock.millis();
            }
            synchronized (this) {
                progress.update(filesDone, listing.files().size(), chunksEmbedded);
            }
        }
    }
}
