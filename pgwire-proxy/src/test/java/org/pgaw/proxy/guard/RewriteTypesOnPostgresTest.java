package org.pgaw.proxy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pgaw.proxy.testing.TestPostgres;

/**
 * The rewrite changes nothing but the limit (issue 10 item 6): PostgreSQL describes the rewritten statement exactly as
 * the learner's (Parse + Describe: ParameterDescription and RowDescription), so clients that bind parameters by
 * the described type (tokio-postgres binding an i64, asyncpg sending 3000000000) work the same through the proxy.
 */
class RewriteTypesOnPostgresTest {
    private static final int MAX_ROWS = 100;
    private static final LimitRewriter REWRITER = new LimitRewriter();

    @BeforeAll
    static void schema() {
        TestPostgres.exec("DROP SCHEMA IF EXISTS guard_types CASCADE; CREATE SCHEMA guard_types;"
                + " CREATE TABLE guard_types.t AS SELECT a, a::numeric AS n, 'x' || a AS s FROM generate_series(1, 500) a;");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "SELECT a FROM guard_types.t LIMIT $1",
        "SELECT a FROM guard_types.t ORDER BY a LIMIT $1 OFFSET $2",
        "SELECT a FROM guard_types.t ORDER BY a OFFSET $1 LIMIT $2",
        "SELECT a FROM guard_types.t WHERE a > $1 LIMIT $2",
        "SELECT a FROM guard_types.t FETCH FIRST $1 ROWS ONLY",
        "SELECT a FROM guard_types.t ORDER BY a OFFSET $2 ROWS FETCH NEXT $1 ROWS ONLY",
        "SELECT a FROM guard_types.t ORDER BY a FETCH FIRST $1 ROWS WITH TIES",
        "SELECT a FROM guard_types.t LIMIT $1 + 1",
        "SELECT a FROM guard_types.t LIMIT $1::int",
        "SELECT a FROM guard_types.t LIMIT $1::numeric",
        "SELECT a FROM guard_types.t LIMIT (SELECT $1::int4)",
        "SELECT a FROM guard_types.t LIMIT 10 * $1",
        "SELECT a FROM guard_types.t LIMIT coalesce($1, 5)",
        "SELECT a, $1::text FROM guard_types.t LIMIT $2",
        "SELECT n FROM guard_types.t LIMIT $1",
        "SELECT s, a * 2 AS twice FROM guard_types.t WHERE s LIKE $1 ORDER BY a LIMIT $2",
        "SELECT a FROM guard_types.t LIMIT 5000",
        "SELECT a FROM guard_types.t LIMIT 5000000000",
        "SELECT a FROM guard_types.t LIMIT ALL",
        "SELECT a FROM guard_types.t WHERE a = $1",
        "SELECT a FROM guard_types.t UNION ALL SELECT $1::int LIMIT $2",
        "SELECT * FROM (SELECT a FROM guard_types.t LIMIT $1) s",
        "WITH w AS (SELECT a FROM guard_types.t) SELECT a FROM w LIMIT $1",
        "VALUES ($1::int8), (2) LIMIT $2",
        "SELECT a FROM guard_types.t FOR UPDATE",
        "SELECT a FROM guard_types.t LIMIT $1 FOR SHARE",
        "TABLE guard_types.t",
    })
    void rewrittenStatementIsDescribedAsTheOriginal(String sql) throws SQLException {
        StatementRewrite s = REWRITER.rewriteStatement(sql, MAX_ROWS);
        assertThat(s.capped()).as("the statement is capped: " + s.decision()).isTrue();
        try (Connection c = TestPostgres.direct()) {
            assertThat(describe(c, s.sql())).as(s.sql()).isEqualTo(describe(c, sql));
        }
    }

    /** Parameter types, then result column names and types, as PostgreSQL's Describe reports them. */
    private static List<String> describe(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.replaceAll("\\$\\d+", "?"))) {
            ParameterMetaData p = ps.getParameterMetaData();
            for (int i = 1; i <= p.getParameterCount(); i++) {
                out.add("$" + i + " " + p.getParameterTypeName(i));
            }
            ResultSetMetaData r = ps.getMetaData();
            for (int i = 1; i <= r.getColumnCount(); i++) {
                out.add(r.getColumnName(i) + " " + r.getColumnTypeName(i));
            }
        }
        return out;
    }
}
