package org.pgaw.proxy.session;

import static org.pgaw.proxy.protocol.ProxyMessage.Severity.ERROR;
import static org.pgaw.proxy.protocol.ProxyMessage.Severity.NOTICE;

import java.time.Duration;
import org.pgaw.proxy.protocol.ProxyMessage;
import org.pgaw.proxy.protocol.SqlState;

/**
 * What a learner reads when a statement waits for one of their other statements to end ({@link StatementAdmission}).
 * pgAdmin shows only the M field in its Messages tab, so M says it all.
 */
final class WaitNotices {
    private WaitNotices() { }

    static ProxyMessage waiting(int max) {
        return new ProxyMessage(NOTICE, "01000", "pgaw: your statement waits: you already have " + statements(max)
                + " running in other tabs or windows; it starts when one of them ends",
                null, "Each learner may run " + statements(max) + " at once on this class server, so that one"
                + " learner's long queries cannot slow down everyone else's. Stop a statement you no longer need.");
    }

    static ProxyMessage waitedTooLong(int max, Duration limit) {
        return new ProxyMessage(ERROR, SqlState.QUERY_CANCELED, "pgaw: your statement did not start: for "
                + seconds(limit) + " you had " + statements(max) + " running in other tabs or windows; wait for"
                + " them to end or stop them, then run it again", null,
                "Nothing of this statement ran. Each learner may run " + statements(max) + " at once on this class"
                + " server; a statement may wait as long as the time limit of one statement.");
    }

    /** The usual text of a cancel, so that clients recognise it; the detail says that nothing had started. */
    static ProxyMessage cancelled() {
        return new ProxyMessage(ERROR, SqlState.QUERY_CANCELED, "canceling statement due to user request",
                "pgaw: the statement had not started yet: it was waiting for one of your other statements to end",
                null);
    }

    private static String statements(int n) {
        return n == 1 ? "1 statement" : n + " statements";
    }

    private static String seconds(Duration d) {
        long s = d.toSeconds();
        return s >= 120 && s % 60 == 0 ? (s / 60) + " min" : s + " s";
    }
}
