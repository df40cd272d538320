package org.pgaw.proxy.ops;

import ch.qos.logback.classic.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets the root log level once the configuration is known. logback.xml already starts from {@code PGAW_LOG_LEVEL}
 * so that messages logged while loading are filtered the same way; this applies a flag or the file's log_level.
 */
public final class LogLevel {
    private LogLevel() { }

    /** level: trace, debug, info, warn, error or off (already validated by the config loader). */
    public static void apply(String level) {
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(Level.toLevel(level, Level.INFO));
        }
    }
}
