package org.pgaw.proxy.guard;

import java.util.List;

/**
 * The rewrite of a whole simple Query.
 *
 * @param sql        the Query text to send
 * @param statements one entry per statement PostgreSQL will execute, in order (empty for an empty Query, which
 *                   PostgreSQL answers with EmptyQueryResponse); null when the whole Query is refused
 * @param queryRefusal non-null when the lexer cannot promise to split the text as PostgreSQL will (an unterminated
 *                   quote, {@code BEGIN ATOMIC}, too many tokens): the whole Query must be refused, nothing sent
 * @param standardConformingStringsAfter the value once the Query ran: the value before when no statement can change
 *                   it, else null (unknown: a SET may also fail): the session lexes Queries pipelined behind this
 *                   one with it until ReadyForQuery, when PostgreSQL's last ParameterStatus tells the truth
 * @param positions  maps error positions in {@link #sql} back to the learner's text ({@link ErrorPositions})
 */
public record RewriteResult(String sql, List<StatementRewrite> statements, Refusal queryRefusal,
                            Boolean standardConformingStringsAfter, PositionMap positions) {
    public static RewriteResult refused(String sql, Refusal refusal, Boolean standardConformingStrings) {
        return new RewriteResult(sql, null, refusal, standardConformingStrings, PositionMap.IDENTITY);
    }

    /** True when every statement was planned (some may still be refused: see {@link #refusal()}). */
    public boolean planned() {
        return statements != null;
    }

    /**
     * The refusal to send instead of running the Query: the Query's own, or the first refused statement's. A Query
     * runs all or nothing of what the guard checked, so one refused statement refuses the whole Query.
     */
    public Refusal refusal() {
        if (queryRefusal != null) {
            return queryRefusal;
        }
        for (StatementRewrite s : statements) {
            if (s.refusal() != null) {
                return s.refusal();
            }
        }
        return null;
    }
}
