package org.pgaw.proxy.guard;

/**
 * The rewrite of one statement.
 *
 * @param decision   what was done
 * @param sql        the statement text to send (the original when nothing was done)
 * @param capRows    rows the learner may see: forward at most this many DataRows of the statement's result, drop the
 *                   rest, and when any were dropped send {@link GuardMessages#rowCapNotice(int)}; -1 = not capped
 * @param cursorName for {@code DECLARE name ... CURSOR FOR query}: the cursor (as PostgreSQL names it, case-folded)
 *                   whose {@code FETCH}es carry the cap; null for other statements
 */
public record StatementRewrite(Decision decision, String sql, int capRows, String cursorName) {
    public static StatementRewrite unchanged(Decision decision, String sql) {
        return new StatementRewrite(decision, sql, -1, null);
    }

    public boolean capped() {
        return capRows >= 0;
    }
}
