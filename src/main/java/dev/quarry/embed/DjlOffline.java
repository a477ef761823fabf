package dev.quarry.embed;

/**
 * The tokenizers binding can fetch native libraries and tokenizer files from the internet. Quarry loads both from
 * its own jars, so it switches the binding to offline mode before first use: a missing file then fails at once
 * instead of hanging on a network that is not there.
 */
final class DjlOffline {

    private DjlOffline() {
    }

    static void enforce() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("offline", "true");
    }
}
