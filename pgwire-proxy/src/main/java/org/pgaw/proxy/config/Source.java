package org.pgaw.proxy.config;

/**
 * Where a setting's effective value came from, so that a message about the value names what the person actually
 * typed ({@code --tls-cert-chain}, {@code PGAW_TLS_CERT_CHAIN} or the key in their file), not an internal name.
 *
 * @param setting the catalogue entry
 * @param kind    which of the four layers won
 * @param file    the configuration file when {@code kind} is FILE, else null
 * @param flag    the flag as typed when {@code kind} is FLAG (a command may accept a shorter alias), else null
 */
public record Source(Setting setting, Kind kind, String file, String flag) {
    /** The layers, weakest first. */
    public enum Kind { DEFAULT, FILE, ENVIRONMENT, FLAG }

    public static Source ofDefault(Setting s) {
        return new Source(s, Kind.DEFAULT, null, null);
    }

    public static Source ofFile(Setting s, String file) {
        return new Source(s, Kind.FILE, file, null);
    }

    public static Source ofEnvironment(Setting s) {
        return new Source(s, Kind.ENVIRONMENT, null, null);
    }

    public static Source ofFlag(Setting s) {
        return ofFlag(s, s.flag());
    }

    /** Given with {@code typed}, the setting's flag or an alias of it. */
    public static Source ofFlag(Setting s, String typed) {
        return new Source(s, Kind.FLAG, null, typed);
    }

    /** "option --listen", "environment variable PGAW_LISTEN", "config file F, key listen" or "listen (default)". */
    public String describe() {
        return switch (kind) {
            case FLAG -> "option " + flag;
            case ENVIRONMENT -> "environment variable " + setting.envName();
            case FILE -> "config file " + file + ", key " + setting.key();
            case DEFAULT -> setting.key() + " (default)";
        };
    }

    /**
     * The value as the person wrote it: "--listen 127.0.0.1:6432", "PGAW_LISTEN=127.0.0.1:6432",
     * "listen: 127.0.0.1:6432 in config file F", or "the default listen 127.0.0.1:6432".
     */
    public String typed(String value) {
        return switch (kind) {
            case FLAG -> flag + " " + value;
            case ENVIRONMENT -> setting.envName() + "=" + value;
            case FILE -> setting.key() + ": " + value + " in config file " + file;
            case DEFAULT -> "the default " + setting.key() + " " + value;
        };
    }

    /** What another setting is called where this one was given: its flag, its variable or its key. */
    public String nameOf(Setting other) {
        return switch (kind) {
            case FLAG -> other.flag();
            case ENVIRONMENT -> other.envName();
            case FILE, DEFAULT -> other.key();
        };
    }

    /**
     * How to give another value the same way the person gave this one, for advice such as "choose another
     * address, e.g. --listen 127.0.0.1:6433"; a default is changed most simply with the flag.
     */
    public String howToSet(String value) {
        return switch (kind) {
            case FLAG -> flag + " " + value;
            case DEFAULT -> setting.flag() + " " + value;
            case ENVIRONMENT -> setting.envName() + "=" + value;
            case FILE -> "'" + setting.key() + ": " + value + "' in " + file;
        };
    }
}
