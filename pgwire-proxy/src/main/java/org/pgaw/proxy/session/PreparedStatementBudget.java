package org.pgaw.proxy.session;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pgaw.proxy.guard.Refusal;
import org.pgaw.proxy.guard.StatementRewrite;
import org.pgaw.proxy.protocol.SqlState;

/**
 * Bounds what one guarded session makes PostgreSQL keep for it: every prepared statement (a protocol Parse with a
 * name, or SQL {@code PREPARE}) keeps its text and parse tree in the backend until the session ends or it is closed
 * (measured: about 180 KB of backend memory for a 60 KB PREPARE, without limit). Without a bound, one learner's
 * loop of PREPAREs grows the database server by hundreds of MB per connection.
 *
 * <p>Named Parse messages are tracked exactly: a Close of the statement gives its share back. SQL {@code PREPARE}s
 * count for the session's life: {@code DEALLOCATE} is not credited, because whether it took effect (the name may
 * not exist, the transaction may be aborted) is only known from the reply. That errs on the strict side, and
 * drivers prepare through the protocol; a learner who really prepares a thousand statements reconnects.
 */
final class PreparedStatementBudget {
    static final int MAX_STATEMENTS = WireCaps.MAX_TRACKED_NAMES;
    static final long MAX_TEXT_CHARS = 8L << 20;

    private final Map<String, Integer> named = new HashMap<>();
    private long namedChars;
    private int sqlPrepares;
    private long sqlPrepareChars;

    /** A named Parse of {@code chars} characters: null when it may go, else the refusal. The unnamed one is free. */
    Refusal admitParse(String name, int chars) {
        if (name.isEmpty() || named.containsKey(name)) return null; // PostgreSQL replaces the unnamed one, refuses a duplicate
        if (!fits(1, chars)) return refusal(true);
        named.put(name, chars);
        namedChars += chars;
        return null;
    }

    /** The SQL PREPAREs of one Query: null when they may go (and they are counted), else the refusal. */
    Refusal admitQuery(List<StatementRewrite> statements) {
        int count = 0;
        long chars = 0;
        for (StatementRewrite s : statements) {
            if ("PREPARE".equals(CompletionTags.firstWord(s.sql()))) {
                count++;
                chars += s.sql().length();
            }
        }
        if (count == 0) return null;
        if (!fits(count, chars)) return refusal(false);
        sqlPrepares += count;
        sqlPrepareChars += chars;
        return null;
    }

    /** A Close of a prepared statement: PostgreSQL forgets it (closing an unknown name is no error there either). */
    void closed(String name) {
        Integer chars = named.remove(name);
        if (chars != null) namedChars -= chars;
    }

    private boolean fits(int moreStatements, long moreChars) {
        return named.size() + sqlPrepares + moreStatements <= MAX_STATEMENTS
                && namedChars + sqlPrepareChars + moreChars <= MAX_TEXT_CHARS;
    }

    private static Refusal refusal(boolean protocol) {
        return new Refusal(SqlState.PROGRAM_LIMIT_EXCEEDED,
                "pgaw: this connection already keeps too many prepared statements (at most " + MAX_STATEMENTS
                        + ", or " + (MAX_TEXT_CHARS >> 20) + " MB of their text)",
                "Each prepared statement takes memory on the database server until the connection ends.",
                protocol ? "Close prepared statements you no longer need, or reconnect."
                        : "Reconnect to start afresh; DEALLOCATE does not lift this limit.");
    }
}
