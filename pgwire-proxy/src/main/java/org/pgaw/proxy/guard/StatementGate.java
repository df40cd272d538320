package org.pgaw.proxy.guard;

/**
 * Deny by default: which statements a guarded (learner) session may run at all (queries, EXPLAIN, session
 * SET/SHOW/RESET, transactions, cursors, PREPARE/EXECUTE, COPY TO STDOUT); everything else is refused unless the
 * teacher's policy allows it. Pure and cheap: the decision depends only on the statement's tokens, so callers
 * may cache it with the statement's plan.
 */
public final class StatementGate {
    /** What learners get when the teacher's policy widens nothing. */
    public static StatementGate defaults() {
        return new StatementGate();
    }

    /**
     * The refusal for one statement, tokens {@code [firstToken, endToken)} of {@code t}; null when it may run.
     * (Placeholder until the classifier lands: allows everything.)
     */
    public Refusal check(SqlTokens t, int firstToken, int endToken) {
        return null;
    }
}
