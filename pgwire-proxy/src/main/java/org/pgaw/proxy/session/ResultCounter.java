package org.pgaw.proxy.session;

/**
 * What the guards know about one statement's result (one simple-Query statement, one FETCH, or one portal across
 * its Executes): rows, notices and bytes forwarded, and what was held back. Every result has one, capped: the cap
 * is what the learner may see whatever produced the result (fail closed), the rewrite only makes PostgreSQL stop
 * early.
 */
final class ResultCounter {
    /** Rows (and, separately, notices) the learner may see, or -1 when the policy has no row cap. */
    final int cap;
    /** The statement's text (a reference, for the rare completion tag the proxy makes up; may be null). */
    final String sql;
    /** Set for the stand-in of a refused request: its ErrorResponse is replaced with this refusal. */
    org.pgaw.proxy.guard.Refusal refusal;
    long rowsForwarded;
    long bytesForwarded;
    /** Rows dropped after the cut (PostgreSQL asked for one more than the cap sends at most one). */
    long rowsDropped;
    /** Rows forwarded since the current Execute (the count of that Execute's CommandComplete). */
    long rowsThisExecute;
    /** NoticeResponses forwarded: "rows carried as notices" count against the cap too. */
    long noticesForwarded;
    /** Further notices were dropped (the learner is told once). */
    boolean noticesCut;
    /** The cap held rows back: the learner gets the row-cap notice. */
    boolean cut;
    /** The byte budget held rows back: the learner gets the budget notice. */
    boolean overBudget;
    /** Rows are being dropped until the statement ends (after the budget was spent or the cap reached). */
    boolean dropping;
    /** The cut was at a point where PostgreSQL did not stop by itself: the rest is drained or cancelled. */
    boolean backendUnstopped;
    /** A CopyOutResponse started this result: rows are CopyData. */
    boolean copyOut;
    /** PostgreSQL's own CopyDone went to the client: the proxy must not add one. */
    boolean copyDone;
    /** The rows of a DECLAREd cursor's FETCH: the cursor notice, not the query one. */
    boolean cursor;
    /** A FETCH or MOVE on a cursor the proxy saw declared: moves its position when the statement completes. */
    CursorMoves.Move move;
    /** The client's row count of the current Execute (0 = all) and what the proxy asked PostgreSQL for instead. */
    int clientExecuteRows;
    int sentExecuteRows;

    ResultCounter(int cap, String sql) {
        this.cap = cap;
        this.sql = sql;
    }

    /** The CommandComplete the proxy writes when it ended the result itself. */
    /** The COPY is still open for the client: a proxy-made ending starts with CopyDone. */
    boolean copyOpen() {
        return copyOut && !copyDone;
    }

    String completionTag(long rows) {
        return CompletionTags.of(sql, copyOut, rows);
    }

    /** Rows the learner may still see (Long.MAX_VALUE without a cap). */
    long remaining() {
        return cap < 0 ? Long.MAX_VALUE : Math.max(0, cap - rowsForwarded);
    }
}
