package org.pgaw.proxy.guard;

/** What the row-limit rewrite did to one statement, and why. */
public enum Decision {
    /** A query without a limit: {@code LIMIT maxRows+1} was added. */
    LIMIT_ADDED(true),
    /** A larger {@code LIMIT n} / {@code FETCH FIRST n}, {@code LIMIT ALL} or {@code LIMIT NULL} was lowered to maxRows+1. */
    LIMIT_LOWERED(true),
    /** A limit that is an expression or a parameter ({@code LIMIT $1}) was wrapped: {@code LIMIT LEAST($1, maxRows+1)}. */
    LIMIT_WRAPPED(true),
    /** The statement's own limit is at most maxRows: untouched. */
    UNCHANGED_SMALLER_LIMIT(false),
    /** Returns no rows to the client, or not as a query: DDL, SET, SHOW, COPY, FETCH, EXECUTE, transaction control... */
    NOT_A_QUERY(false),
    /** INSERT / UPDATE / DELETE / MERGE, also as a data-modifying CTE ({@code WITH d AS (DELETE ...) SELECT ...}). */
    DATA_MODIFYING(false),
    /** Reads only pg_catalog / information_schema: pgAdmin's tree, autocomplete and dashboards. */
    CATALOG_ONLY(false),
    EXPLAIN(false),
    /** {@code SELECT ... INTO}: creates a table, returns no rows. */
    SELECT_INTO(false),
    /** Syntax the rewriter does not understand well enough to splice safely; PostgreSQL will judge it. */
    UNPARSEABLE(false),
    /** JSqlParser read the statement differently from the lexer; to be safe, nothing was changed. */
    PARSER_DISAGREES(false),
    /** The policy has no row limit (maxRows 0) for this session. */
    NO_ROW_LIMIT(false);

    private final boolean rewritten;

    Decision(boolean rewritten) {
        this.rewritten = rewritten;
    }

    /** True when the statement text was changed. */
    public boolean rewritten() {
        return rewritten;
    }
}
