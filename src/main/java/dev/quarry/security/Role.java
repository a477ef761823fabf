package dev.quarry.security;

import java.util.Locale;

/** What a key may do; each role may also do everything the roles before it may. */
public enum Role {
    /** Search, chat, clusters, documents. */
    READER,
    /** Also ingest and deletes. */
    WRITER,
    /** Also deployment details, the audit log and metrics. */
    ADMIN;

    public boolean covers(Role required) {
        return compareTo(required) >= 0;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
