package dev.quarry.ingest;

/** Decides, before anything is written, whether an ingest may add {@code newBytes} of files not yet indexed. */
@FunctionalInterface
public interface IngestAdmission {

    IngestAdmission ANY = newBytes -> { };

    /** Throws to refuse the ingest. */
    void admit(long newBytes);
}
