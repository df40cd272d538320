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
                "pgaw: the statement had not started yet: it was waiting for its turn", null);
    }

    // -------------------------------------------------------- the class's places for long statements (LongStatements)

    /** A statement ran long while every place was held by other learners' statements: it was stopped. */
    static ProxyMessage noLongPlace(int places, Duration after) {
        return new ProxyMessage(ERROR, SqlState.QUERY_CANCELED, "pgaw: your statement was stopped after "
                + seconds(after) + ": this class server runs at most " + statements(places) + " longer than "
                + seconds(after) + " at once, and other learners' are running now; run it again in a moment, or"
                + " make it cheaper (a WHERE condition, fewer rows joined)", null, "So that everyone's short queries"
                + " stay fast, long statements share " + places(places) + ". For the next minute your statements wait for a free place before they start.");
    }

    static ProxyMessage waitingForLongPlace(int places, Duration after) {
        return new ProxyMessage(NOTICE, "01000", "pgaw: your statement waits for its turn: in the last minute a"
                + " statement of yours was stopped because the class's " + places(places) + " for statements longer"
                + " than " + seconds(after) + (places == 1 ? " was" : " were") + " taken; it starts when one is free",
                null, "Other learners'"
                + " short statements do not wait. Check the joins and WHERE conditions of your long statements: a"
                + " missing join condition multiplies the rows.");
    }

    static ProxyMessage waitedTooLongForLongPlace(int places, Duration after, Duration limit) {
        return new ProxyMessage(ERROR, SqlState.QUERY_CANCELED, "pgaw: your statement did not start: for "
                + seconds(limit) + " the class's " + places(places) + " for statements longer than " + seconds(after)
                + (places == 1 ? " was" : " were") + " taken (in the last minute a statement of yours was stopped"
                + " for want of one); run it again in a moment", "Nothing of this statement ran.", null);
    }

    private static String places(int n) {
        return n == 1 ? "1 place" : n + " places";
    }

    private static String statements(int n) {
        return n == 1 ? "1 statement" : n + " statements";
    }

    private static String seconds(Duration d) {
        if (d.toMillis() % 1000 != 0 && d.toSeconds() < 10) return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        long s = d.toSeconds();
        return s >= 120 && s % 60 == 0 ? (s / 60) + " min" : s + " s";
    }
}
