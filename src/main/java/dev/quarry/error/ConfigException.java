package dev.quarry.error;

/** A configuration value is invalid; the message names the key and the value. */
public final class ConfigException extends RuntimeException {

    private final String key;

    public ConfigException(String key, String value, String problem) {
        super(key + " " + problem + " (got '" + value + "')");
        this.key = key;
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
        this.key = null;
    }

    private ConfigException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** A problem with {@code key} whose {@code message} already names it, where "(got …)" would not fit. */
    public static ConfigException of(String key, String message) {
        return new ConfigException(key, message);
    }

    public String key() {
        return key;
    }
}
