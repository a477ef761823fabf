package dev.quarry.error;

/** A configuration value is invalid; the message names the key and the value. */
public final class ConfigException extends QuarryException {

    public ConfigException(String key, String value, String problem) {
        super(Kind.INVALID, key, key + " " + problem + " (got '" + value + "')");
    }

    public ConfigException(String message, Throwable cause) {
        super(Kind.INVALID, null, message, cause);
    }

    private ConfigException(String key, String message) {
        super(Kind.INVALID, key, message);
    }

    /** A problem with {@code key} whose {@code message} already names it, where "(got …)" would not fit. */
    public static ConfigException of(String key, String message) {
        return new ConfigException(key, message);
    }

    public String key() {
        return field();
    }
}
