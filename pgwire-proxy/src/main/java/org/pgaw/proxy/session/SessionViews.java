package org.pgaw.proxy.session;

import java.net.InetAddress;
import org.pgaw.proxy.codec.StartupPacket;
import org.pgaw.proxy.guard.StatementFingerprint;
import org.pgaw.proxy.ops.GuardEvent;

/** Builds what the teacher's console sees of a session: its {@link SessionView} and its guard events. */
final class SessionViews {
    /** Characters of a statement an event keeps (its first line): the feed stays small whatever learners send. */
    static final int EVENT_STATEMENT_CHARS = 200;
    /** Characters of a running statement the view copies. */
    static final int VIEW_STATEMENT_CHARS = 2000;

    private SessionViews() { }

    /** On the session's event loop. */
    static SessionView of(Session s, StartupPacket.StartupMessage startup, InetAddress client, String sessionState,
                          boolean busy, long busySince, GuardSession guard) {
        String state = state(sessionState, busy, guard);
        long running = busy && "active".equals(state) ? (System.nanoTime() - busySince) / 1_000_000 : 0;
        long[] result = guard == null ? new long[2] : guard.currentResult();
        return new SessionView(s.id(), startup == null ? "" : startup.user(), startup == null ? "" : startup.database(),
                application(startup, guard), client.getHostAddress(), state, guard != null, running,
                result[0], result[1], guard == null ? "" : head(guard.lastStatement(), VIEW_STATEMENT_CHARS),
                guard == null ? 0 : guard.statements(), guard == null ? 0 : guard.errors());
    }

    private static String application(StartupPacket.StartupMessage startup, GuardSession guard) {
        String reported = guard == null ? null : guard.applicationName();
        return reported != null ? reported : startup == null ? "" : startup.applicationName();
    }

    private static String state(String sessionState, boolean busy, GuardSession guard) {
        if (!"READY".equals(sessionState)) return "CLOSED".equals(sessionState) ? "closing" : "starting";
        if (busy) return "active";
        char tx = guard == null ? 'I' : guard.transactionStatus();
        return tx == 'T' ? "idle in transaction" : tx == 'E' ? "failed transaction" : "idle";
    }

    /** On the event loop where the guard acted; the fingerprint is computed here, once per event. */
    static GuardEvent event(StartupPacket.StartupMessage startup, String action, String statement, String message) {
        return new GuardEvent(System.currentTimeMillis(), startup == null ? "" : startup.user(),
                startup == null ? "" : startup.applicationName(), action,
                statement == null ? "" : StatementFingerprint.of(statement), firstLine(statement),
                message == null ? "" : message);
    }

    /** The first non-empty line, at most {@link #EVENT_STATEMENT_CHARS} characters. */
    static String firstLine(String sql) {
        if (sql == null) return "";
        String t = sql.strip();
        int nl = t.indexOf('\n');
        String line = (nl < 0 ? t : t.substring(0, nl)).strip();
        boolean more = nl >= 0 || line.length() > EVENT_STATEMENT_CHARS;
        return head(line, EVENT_STATEMENT_CHARS) + (more && line.length() <= EVENT_STATEMENT_CHARS ? " …" : "");
    }

    private static String head(String s, int max) {
        if (s == null) return "";
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
