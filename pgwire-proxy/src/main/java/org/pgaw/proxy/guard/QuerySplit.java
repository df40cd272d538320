package org.pgaw.proxy.guard;

import java.util.List;

/**
 * The statements of one simple-Query text in execution order. An empty list means PostgreSQL answers
 * {@code EmptyQueryResponse}. When {@link #certain()} is false the lexer cannot promise PostgreSQL splits the text the
 * same way (see {@link SqlLexer#split(SqlTokens)}): the caller must leave such a Query alone.
 *
 * @param uncertainReason null when certain, otherwise a short reason for logs and tests
 */
public record QuerySplit(SqlTokens tokens, List<StatementSpan> statements, String uncertainReason) {
    public boolean certain() {
        return uncertainReason == null;
    }
}
