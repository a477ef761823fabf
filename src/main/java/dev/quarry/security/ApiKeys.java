package dev.quarry.security;

import dev.quarry.error.Choices;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The keys that may call the API, each with a role. Only SHA-256 digests are kept, so a heap dump shows no key, and
 * a presented key is compared with every digest in constant time, so timing tells nothing about how close it was.
 */
public final class ApiKeys {

    /**
     * A caller: the role its key has, a name for logs and the audit trail that does not reveal the key, and the
     * collections it may use (empty: all of them).
     */
    public record Caller(String id, Role role, Set<String> collections) {

        public Caller {
            collections = Set.copyOf(collections);
        }

        public Caller(String id, Role role) {
            this(id, role, Set.of());
        }

        public boolean mayUse(String collection) {
            return collections.isEmpty() || collections.contains(collection);
        }
    }

    private record Entry(byte[] digest, Caller caller) {
    }

    private static final int MIN_KEY_CHARS = 16;

    private final List<Entry> entries;

    private ApiKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static ApiKeys none() {
        return new ApiKeys(List.of());
    }

    /**
     * Keys written as {@code role:KEY}, as in {@code QUARRY_API_KEYS=reader:KEY,writer:KEY}, or limited to named
     * collections as {@code role@manual+wiki:KEY}. A bad entry throws an {@link IllegalArgumentException} that names it
     * by position, never by its key.
     */
    public static ApiKeys parse(List<String> specs) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            String spec = specs.get(i).strip();
            int colon = spec.indexOf(':');
            String head = colon > 0 ? spec.substring(0, colon) : "";
            int at = head.indexOf('@');
            // Choices.find, not parse: its message would repeat the text, which may be a key written without its role.
            Role role = colon > 0 ? Choices.find(Role.class, at < 0 ? head : head.substring(0, at)).orElse(null) : null;
            if (role == null) {
                throw new IllegalArgumentException("entry " + (i + 1) + " must be role:KEY or role@collection+collection:KEY"
                        + " with role one of " + Choices.labels(Role.class));
            }
            Set<String> collections = at < 0 ? Set.of() : Set.copyOf(Arrays.asList(head.substring(at + 1).split("\\+")));
            if (at >= 0 && collections.stream().anyMatch(c -> !c.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,63}"))) {
                throw new IllegalArgumentException("entry " + (i + 1) + " (" + role.label() + "): after '@' come collection"
                        + " names joined by '+', each 1-64 letters, digits, '-' or '_'");
            }
            String key = spec.substring(colon + 1);
            if (key.length() < MIN_KEY_CHARS || !key.chars().allMatch(c -> c > 32 && c < 127)) {
                throw new IllegalArgumentException("entry " + (i + 1) + " (" + role.label() + "): the key must be at least "
                        + MIN_KEY_CHARS + " printable ASCII characters without spaces");
            }
            byte[] digest = sha256(key);
            for (Entry e : entries) {
                if (MessageDigest.isEqual(e.digest(), digest)) throw new IllegalArgumentException("entry " + (i + 1) + " repeats an earlier key");
            }
            String id = role.label() + "-" + HexFormat.of().formatHex(digest, 0, 4);
            entries.add(new Entry(digest, new Caller(id, role, collections)));
        }
        return new ApiKeys(entries);
    }

    /** These keys and {@code key} for {@code caller}: a key the server makes for itself, never one from configuration. */
    public ApiKeys plus(String key, Caller caller) {
        List<Entry> more = new ArrayList<>(entries);
        more.add(new Entry(sha256(key), caller));
        return new ApiKeys(more);
    }

    public boolean required() {
        return !entries.isEmpty();
    }

    public int size() {
        return entries.size();
    }

    /** The caller whose key this is; every digest is compared, match or not, so the time taken is always the same. */
    public Optional<Caller> authenticate(String presented) {
        if (presented == null) return Optional.empty();
        byte[] digest = sha256(presented);
        Caller found = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(e.digest(), digest)) found = e.caller();
        }
        return Optional.ofNullable(found);
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
