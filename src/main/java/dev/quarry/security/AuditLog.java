package dev.quarry.security;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record of every write: who (the caller's key id and role, or the client address), what (method, path and
 * target), when, and the outcome. Each entry is one JSON line appended and flushed to a file that outlives the
 * server; the latest ones are also kept in memory for {@code GET /v1/audit}.
 */
public final class AuditLog implements AutoCloseable {

    public record Entry(Instant time, String requestId, String caller, String role, String client, String method,
                        String path, String target, int status, String outcome) {
    }

    private static final Logger log = LoggerFactory.getLogger("quarry.audit");
    private static final int KEPT = 1000;

    /**
     * Every character beyond ASCII is written as a JSON escape, so any text a request carries, even half of a UTF-16
     * pair, becomes a valid line; nothing is buffered between entries, so one failed append cannot spoil the next.
     */
    private final ObjectMapper json = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .addModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private final OutputStream out;
    private final Clock clock;
    private final Deque<Entry> latest = new ArrayDeque<>();
    /** After a failed append the file may end in part of a line; the next entry starts on a line of its own. */
    private boolean lastAppendFailed;

    public AuditLog(Path file, Clock clock) {
        this.clock = clock;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            this.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit log " + file + ": " + e.getMessage(), e);
        }
    }

    /** Records a write; {@code outcome} is "ok", "denied", "rejected" or "failed", following the status. */
    public synchronized Entry record(String requestId, String caller, String role, String client, String method,
                                     String path, String target, int status) {
        String outcome = status < 400 ? "ok" : status == 401 || status == 403 ? "denied" : status < 500 ? "rejected" : "failed";
        Entry entry = new Entry(clock.instant(), requestId, caller, role, client, method, path, target, status, outcome);
        try {
            String line = (lastAppendFailed ? "\n" : "") + json.writeValueAsString(entry) + "\n";
            // One write of one whole line: the file is in append mode, so concurrent readers never see half of it.
            out.write(line.getBytes(StandardCharsets.US_ASCII));
            lastAppendFailed = false;
        } catch (IOException e) {
            // The write itself has happened; losing its audit line is logged loudly rather than failing the request.
            lastAppendFailed = true;
            log.error("Could not append to the audit log: {} ({})", entry, e.getMessage());
        }
        latest.addLast(entry);
        if (latest.size() > KEPT) latest.removeFirst();
        log.info("{} {} {} by {} → {} {}", method, path, target == null ? "" : target, caller, status, outcome);
        return entry;
    }

    /** Up to {@code limit} of the latest entries, newest first. */
    public synchronized List<Entry> latest(int limit) {
        List<Entry> entries = new ArrayList<>(Math.min(limit, latest.size()));
        var it = latest.descendingIterator();
        while (it.hasNext() && entries.size() < limit) entries.add(it.next());
        return entries;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            log.warn("Could not close the audit log: {}", e.getMessage());
        }
    }
}
