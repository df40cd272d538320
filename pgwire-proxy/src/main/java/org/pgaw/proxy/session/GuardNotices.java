package org.pgaw.proxy.session;

import static org.pgaw.proxy.protocol.ProxyMessage.Severity.ERROR;
import static org.pgaw.proxy.protocol.ProxyMessage.Severity.FATAL;
import static org.pgaw.proxy.protocol.ProxyMessage.Severity.NOTICE;

import java.time.Duration;
import org.pgaw.proxy.guard.GuardMessages;
import org.pgaw.proxy.guard.Refusal;
import org.pgaw.proxy.protocol.ProxyMessage;
import org.pgaw.proxy.protocol.SqlState;

/**
 * The guards' messages as protocol notices and errors (texts of the row cap and the budget: {@link GuardMessages}).
 * What a learner reads when a guard acts. pgAdmin's Messages tab shows only severity and the M field, so every
 * message says what happened and what to do in M itself.
 */
final class GuardNotices {
    private GuardNotices() { }

    static ProxyMessage rowCap(int rows, boolean cursor) {
        return new ProxyMessage(NOTICE, "01000",
                cursor ? GuardMessages.cursorRowCapNotice(rows) : GuardMessages.rowCapNotice(rows), null, null);
    }

    static ProxyMessage byteBudget(long budgetBytes) {
        return new ProxyMessage(NOTICE, "01000", GuardMessages.byteBudgetNotice(budgetBytes), null, null);
    }

    static ProxyMessage byteBudgetError(long budgetBytes) {
        return new ProxyMessage(ERROR, GuardMessages.SQLSTATE_BUDGET_EXCEEDED, GuardMessages.byteBudgetError(budgetBytes),
                null, null);
    }

    /**
     * Replaces PostgreSQL's "canceling statement due to user request" when the proxy's timer stopped a statement:
     * the learner did not cancel anything, and the cause may be a sleep, a lock wait or a huge join alike.
     */
    static ProxyMessage statementTimeout(Duration limit) {
        return new ProxyMessage(ERROR, SqlState.QUERY_CANCELED, "pgaw: the statement was cancelled because it ran"
                + " longer than " + seconds(limit) + ", the time limit of this class server",
                null, "Your teacher sets this limit; SET statement_timeout cannot raise it. If the statement should be"
                + " fast, check its joins and WHERE conditions, or whether it waits for another session's lock.");
    }

    /** Rows carried as notices count against the cap: said once per statement, further notices are dropped. */
    static ProxyMessage noticesCut(int cap) {
        return new ProxyMessage(NOTICE, "01000", "pgaw: this statement sent more than " + cap
                + " messages; the rest are not shown", null, null);
    }

    /** A refusal (of the statement gate, or of the session's own bounds) as the ErrorResponse the learner reads. */
    static ProxyMessage refusal(Refusal r) {
        return new ProxyMessage(ERROR, r.sqlState(), r.message(), r.detail(), r.hint(), r.position());
    }

    static Refusal nameTooLong(String what) {
        return new Refusal(SqlState.PROGRAM_LIMIT_EXCEEDED, "pgaw: the " + what + " name is longer than "
                + WireCaps.MAX_NAME_BYTES + " bytes; use a shorter name", null, null);
    }

    /** An ERROR: the session goes on (see {@code asFatal} where it cannot). */
    static ProxyMessage idleInTransaction(Duration limit) {
        return new ProxyMessage(ERROR, SqlState.IDLE_IN_TRANSACTION_TIMEOUT, "pgaw: your transaction was left open for"
                + " more than " + seconds(limit) + ", so it was rolled back and nothing in it was saved; run its"
                + " statements again and end transactions with COMMIT or ROLLBACK", null, null);
    }

    /** An ERROR: the session goes on. */
    static ProxyMessage transactionTooOld(Duration limit) {
        return new ProxyMessage(ERROR, SqlState.IDLE_IN_TRANSACTION_TIMEOUT, "pgaw: your transaction was open for more"
                + " than " + seconds(limit) + ", the longest a transaction may last on this class server, so it was"
                + " rolled back and nothing in it was saved; run its statements again in shorter transactions",
                null, "A transaction holds locks and a snapshot that other sessions wait for.");
    }

    static ProxyMessage idleSession(Duration limit) {
        return new ProxyMessage(FATAL, SqlState.IDLE_SESSION_TIMEOUT, "pgaw: the connection was idle for more than "
                + seconds(limit) + " and was closed; reconnect to go on", null, null);
    }

    private static String seconds(Duration d) {
        long s = d.toSeconds();
        return s >= 120 && s % 60 == 0 ? (s / 60) + " min" : s + " s";
    }
}
