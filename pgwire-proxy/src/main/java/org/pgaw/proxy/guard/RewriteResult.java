package org.pgaw.proxy.guard;

import java.util.List;

/**
 * The rewrite of a whole simple Query.
 *
 * @param sql        the Query text to send
 * @param statements one entry per statement PostgreSQL will execute, in order (empty for an empty Query, which
 *                   PostgreSQL answers with EmptyQueryResponse); null when {@link #planned()} is false
 * @param uncertainReason null when planned; otherwise why the lexer could not be sure how PostgreSQL splits the
 *                   text ({@code BEGIN ATOMIC}, unbalanced parentheses...): then the text is unchanged and no
 *                   statement is capped, the byte budget and the timer still apply
 */
public record RewriteResult(String sql, List<StatementRewrite> statements, String uncertainReason) {
    public static RewriteResult unplanned(String sql, String reason) {
        return new RewriteResult(sql, null, reason);
    }

    public boolean planned() {
        return uncertainReason == null;
    }
}
