package dev.quarry.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * {@code <data>/server.json}: how the command line reaches the server that serves a data folder. {@code serve} writes
 * it once it is ready and removes it when it stops cleanly; a file left by a server that was killed names a process
 * that is gone (or a later one that reuses its number but started after it), and is ignored.
 * <p>
 * The token lets {@code search}, {@code chat} and {@code clusters} call a server that requires API keys, as a reader.
 * The file is readable by its owner only; anyone who can read it can read the data folder, and so the index itself,
 * so the token gives nobody more than they already have.
 */
record ServerFile(String url, long pid, long startedMillis, String token) {

    static final String NAME = "server.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** This process, serving at {@code url}. */
    ServerFile(String url, String token) {
        this(url, ProcessHandle.current().pid(), startedMillis(ProcessHandle.current()), token);
    }

    /** A new random token: 256 bits, URL-safe. */
    static String newToken() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** Where a command on this machine reaches a server that listens on {@code server.host()}: loopback for any address. */
    static String localUrl(ServerConfig server, int port) {
        String host = server.host();
        try {
            if (InetAddress.getByName(host).isAnyLocalAddress()) host = host.contains(":") ? "::1" : "127.0.0.1";
        } catch (UnknownHostException e) {
            // A name that no longer resolves: kept as it is, and a command that cannot connect runs in-process.
        }
        if (host.contains(":") && !host.startsWith("[")) host = "[" + host + "]";
        return (server.tls() == null ? "http" : "https") + "://" + host + ":" + port;
    }

    static Path path(Path dataDir) {
        return dataDir.resolve(NAME);
    }

    /** Writes the file whole (a reader never sees half of it), readable and writable by its owner only. */
    void publish(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Path temp = Files.createTempFile(dataDir, NAME, ".tmp", ownerOnly());
            try {
                JSON.writeValue(temp.toFile(), this);
                Files.move(temp, path(dataDir), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path(dataDir) + ": " + e.getMessage(), e);
        }
    }

    /** Removes the file if it is still this one: a server started since on the same folder keeps its own. */
    void withdraw(Path dataDir) {
        if (read(dataDir).filter(this::equals).isEmpty()) return;
        try {
            Files.deleteIfExists(path(dataDir));
        } catch (IOException e) {
            // A file left behind names a process that has ended, so it is ignored as stale.
        }
    }

    /** The server of {@code dataDir}, when its file is there and its process still runs. */
    static Optional<ServerFile> live(Path dataDir) {
        return read(dataDir).filter(ServerFile::running);
    }

    private static Optional<ServerFile> read(Path dataDir) {
        Path file = path(dataDir);
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            return Optional.of(JSON.readValue(file.toFile(), ServerFile.class));
        } catch (IOException e) {
            // Unreadable or half written by hand: no server to use, the command runs in-process.
            return Optional.empty();
        }
    }

    boolean running() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> startedMillis == 0 || startedMillis(p) == 0 || startedMillis(p) == startedMillis).isPresent();
    }

    /** When the process started, to tell it from a later one with the same number; 0 where the system does not say. */
    private static long startedMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    private static FileAttribute<?>[] ownerOnly() {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) return new FileAttribute<?>[0];
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
    }
}
