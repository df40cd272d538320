package org.pgaw.proxy.guard;

/**
 * The rewrite of one statement.
 *
 * @param decision   what was done
 * @param sql        the statement text to send (the original when nothing was done)
 * @param capRows    rows the learner may see: forward at most this many DataRows of the statement's result, drop the
 *                   rest, and when any were dropped send {@link GuardMessages#rowCapNotice(int)}; -1 = not capped.
 *                   For a DECLAREd cursor the cursor's query itself holds at most this many rows
 * @param cursorName for {@code DECLARE name ... CURSOR FOR query}: the cursor (as PostgreSQL names it, case-folded)
 *                   whose {@code FETCH}es carry the cap; null for other statements
 * @param refusal    non-null when a guarded session must not run the statement ({@link StatementGate}, or an
 *                   unsafe setting such as an ASCII-unsafe client_encoding): send it as an ErrorResponse instead
 * @param cursorCommand for {@code FETCH} / {@code MOVE}: which cursor, which direction, how many rows; else null
 * @param scsEffect  what running the statement does to standard_conforming_strings: for a Parse'd SET, the session
 *                   must lex later statements of the pipeline with the new value (or as unknown) until
 *                   PostgreSQL's ParameterStatus says the truth
 * @param positions  for a statement rewritten alone (a Parse): maps error positions in {@link #sql} back to the
 *                   learner's text ({@link ErrorPositions}); inside a Query, the Query's map is
 *                   {@link RewriteResult#positions()} and this one is the identity
 */
public record StatementRewrite(Decision decision, String sql, int capRows, String cursorName, Refusal refusal,
                               CursorCommand cursorCommand, ScsEffect scsEffect, PositionMap positions) {
    public static StatementRewrite unchanged(Decision decision, String sql) {
        return new StatementRewrite(decision, sql, -1, null, null, null, ScsEffect.UNCHANGED, PositionMap.IDENTITY);
    }

    public boolean capped() {
        return capRows >= 0;
    }

    StatementRewrite withRefusal(Refusal r) {
        return new StatementRewrite(decision, sql, capRows, cursorName, r, cursorCommand, scsEffect, positions);
    }
}
