package org.pgaw.proxy.session;

/**
 * What the guards know about one statement's result (one simple-Query statement, or one portal across its
 * Executes): rows and bytes forwarded, and what was held back.
 */
final class ResultCounter {
    /** Rows the learner may see, or -1 when the statement is not capped. */
    final int cap;
    long rowsForwarded;
    long bytesForwarded;
    /** The cap held rows back: the learner gets the row-cap notice. */
    boolean cut;
    /** The byte budget held rows back: the learner gets the budget notice. */
    boolean overBudget;
    /** Rows are being dropped until the statement ends (after the budget was spent or the cap reached). */
    boolean dropping;
    /** A CopyOutResponse started this result: rows are CopyData. */
    boolean copyOut;

    ResultCounter(int cap) {
        this.cap = cap;
    }

    static ResultCounter uncapped() {
        return new ResultCounter(-1);
    }
}
