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

    public String key() {
        return key;
    }
}
