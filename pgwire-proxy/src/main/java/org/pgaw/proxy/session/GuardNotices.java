package org.pgaw.proxy.session;

import static org.pgaw.proxy.protocol.ProxyMessage.Severity.ERROR;
import static org.pgaw.proxy.protocol.ProxyMessage.Severity.FATAL;
import static org.pgaw.proxy.protocol.ProxyMessage.Severity.NOTICE;

import java.time.Duration;
import org.pgaw.proxy.protocol.ProxyMessage;
import org.pgaw.proxy.protocol.SqlState;

/**
 * What a learner reads when a guard acts. pgAdmin's Messages tab shows only severity and the M field, so every
 * message says what happened and what to do in M itself.
 */
final class GuardNotices {
    private GuardNotices() { }

    static ProxyMessage rowCap(int rows) {
        return new ProxyMessage(NOTICE, "01000", "pgaw: showing the first " + rows
                + " rows; add LIMIT/OFFSET or a narrower WHERE to see others", null, null);
    }

    static ProxyMessage byteBudget(long budgetBytes, long rowsShown) {
        return new ProxyMessage(NOTICE, "01000", "pgaw: the result was cut after " + rowsShown + " rows because it"
                + " passed " + human(budgetBytes) + "; select fewer or narrower columns, or add LIMIT", null, null);
    }

    static ProxyMessage byteBudgetError(long budgetBytes) {
        return new ProxyMessage(ERROR, SqlState.PROGRAM_LIMIT_EXCEEDED, "pgaw: the result is larger than "
                + human(budgetBytes) + "; select fewer or narrower columns, or add LIMIT", null, null);
    }

    static ProxyMessage statementTimeout(Duration limit) {
        return new ProxyMessage(NOTICE, "01000", "pgaw: the statement ran longer than " + seconds(limit)
                + " and was stopped; look for a missing join condition or add a WHERE",
                null, "The time limit is set by your teacher; SET statement_timeout cannot raise it.");
    }

    /** An ERROR: the session goes on (see {@code asFatal} where it cannot). */
    static ProxyMessage idleInTransaction(Duration limit) {
        return new ProxyMessage(ERROR, SqlState.IDLE_IN_TRANSACTION_TIMEOUT, "pgaw: your transaction was left open for"
                + " more than " + seconds(limit) + ", so it was rolled back and nothing in it was saved; run its"
                + " statements again and end transactions with COMMIT or ROLLBACK", null, null);
    }

    static ProxyMessage idleSession(Duration limit) {
        return new ProxyMessage(FATAL, SqlState.IDLE_SESSION_TIMEOUT, "pgaw: the connection was idle for more than "
                + seconds(limit) + " and was closed; reconnect to go on", null, null);
    }

    private static String seconds(Duration d) {
        long s = d.toSeconds();
        return s >= 120 && s % 60 == 0 ? (s / 60) + " min" : s + " s";
    }

    static String human(long bytes) {
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) return (bytes >> 20) + " MiB";
        if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) return (bytes >> 10) + " KiB";
        return bytes + " bytes";
    }
}
