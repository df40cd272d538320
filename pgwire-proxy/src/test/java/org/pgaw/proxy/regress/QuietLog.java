package org.pgaw.proxy.regress;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** The suite opens a thousand sessions: their INFO lines would bury the test's report, so only warnings show. */
final class QuietLog {
    private QuietLog() { }

    /** Sets the logger to WARN until the returned handle is closed (then its own level comes back). */
    static AutoCloseable warnOnly(String loggerName) {
        if (!(LoggerFactory.getLogger(loggerName) instanceof Logger logger)) return () -> { };
        Level before = logger.getLevel();
        logger.setLevel(Level.WARN);
        return () -> logger.setLevel(before);
    }
}
