package org.pgaw.proxy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pgaw.proxy.testing.TestPostgres;

/**
 * The rewrites run on a real PostgreSQL 17: it accepts every rewritten form (LIMIT before FOR UPDATE, OFFSET then
 * LIMIT, {@code LIMIT LEAST($1, n)}, {@code FETCH FIRST LEAST($1, n)}, cursors...) and returns what the cap promises:
 * min(rows of the original, maxRows + 1), the same leading rows, in the same order.
 */
class RewritesOnPostgresTest {
    private static final int MAX_ROWS = 100;
    private static final LimitRewriter REWRITER = new LimitRewriter();

    @BeforeAll
    static void schema() {
        TestPostgres.exec("DROP SCHEMA IF EXISTS guard_rw CASCADE; CREATE SCHEMA guard_rw;"
                + " CREATE TABLE guard_rw.t AS SELECT a, 'row ' || a AS b, a % 10 AS c FROM generate_series(1, 5000) a;"
                + " CREATE TABLE guard_rw.u AS SELECT a FROM generate_series(1, 300) a;");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        SELECT * FROM guard_rw.t ORDER BY a                                                  | 5000
        select a, b from guard_rw.t order by a -- every row                                  | 5000
        SELECT * FROM guard_rw.t ORDER BY a LIMIT 50                                         | 50
        SELECT * FROM guard_rw.t ORDER BY a LIMIT 500                                        | 500
        SELECT * FROM guard_rw.t ORDER BY a LIMIT ALL                                        | 5000
        SELECT * FROM guard_rw.t ORDER BY a LIMIT NULL                                       | 5000
        SELECT * FROM guard_rw.t ORDER BY a LIMIT 10 * 100                                   | 1000
        SELECT * FROM guard_rw.t ORDER BY a LIMIT (SELECT count(*) FROM guard_rw.u)          | 300
        SELECT * FROM guard_rw.t ORDER BY a OFFSET 10                                        | 4990
        SELECT * FROM guard_rw.t ORDER BY a OFFSET 4950 ROWS                                 | 50
        SELECT * FROM guard_rw.t ORDER BY a OFFSET 10 LIMIT 500                              | 500
        SELECT * FROM guard_rw.t ORDER BY a OFFSET 5 ROWS FETCH NEXT 500 ROWS ONLY           | 500
        SELECT * FROM guard_rw.t ORDER BY a FETCH FIRST ROW ONLY                             | 1
        SELECT * FROM guard_rw.t WHERE a <= 300 ORDER BY a FOR UPDATE                        | 300
        SELECT * FROM guard_rw.t WHERE a <= 300 ORDER BY a FOR NO KEY UPDATE SKIP LOCKED     | 300
        SELECT * FROM guard_rw.t ORDER BY a FOR SHARE LIMIT 400                              | 400
        SELECT a FROM guard_rw.t UNION ALL SELECT a + 5000 FROM guard_rw.t ORDER BY 1        | 10000
        (SELECT a FROM guard_rw.t ORDER BY a LIMIT 70) UNION ALL (SELECT a FROM guard_rw.u ORDER BY a LIMIT 70) | 140
        SELECT a FROM guard_rw.t INTERSECT SELECT a FROM guard_rw.u ORDER BY 1               | 300
        VALUES (1), (2), (3) ORDER BY 1                                                      | 3
        TABLE guard_rw.u                                                                     | 300
        WITH x AS (SELECT * FROM guard_rw.t) SELECT a FROM x ORDER BY a                      | 5000
        WITH x AS MATERIALIZED (SELECT * FROM guard_rw.t LIMIT 3000) SELECT a FROM x ORDER BY a | 3000
        SELECT generate_series(1, 100000)                                                    | 100000
        SELECT * FROM generate_series(1, 100000) g ORDER BY g                                | 100000
        SELECT DISTINCT ON (c) c, a FROM guard_rw.t ORDER BY c, a                            | 10
        SELECT a, sum(a) OVER (ORDER BY a) FROM guard_rw.t ORDER BY a                        | 5000
        SELECT t.a, l.x FROM guard_rw.u t CROSS JOIN LATERAL (SELECT t.a * 2 AS x LIMIT 1) l ORDER BY 1 | 300
        SELECT c, count(*) FROM guard_rw.t GROUP BY GROUPING SETS ((c), ()) ORDER BY 1 NULLS LAST | 11
        SELECT E'it\\'s', $q$dollar; LIMIT 3$q$, a FROM guard_rw.t /* LIMIT 5 */ ORDER BY a  | 5000
        SELECT t1.a FROM guard_rw.u t1, guard_rw.u t2 ORDER BY 1                             | 90000
        """)
    void capsAndKeepsTheLeadingRows(String sql, int originalRows) throws SQLException {
        StatementRewrite s = REWRITER.rewriteStatement(sql, MAX_ROWS);
        int expected = Math.min(originalRows, MAX_ROWS + 1);
        try (Connection c = TestPostgres.direct()) {
            c.setAutoCommit(false);
            List<String> rewritten = rows(c, s.sql());
            assertThat(rewritten).as(s.sql()).hasSize(expected);
            if (originalRows <= 10_000) {
                List<String> original = rows(c, sql);
                assertThat(original).hasSize(originalRows);
                assertThat(rewritten).isEqualTo(original.subList(0, expected));
            }
            c.rollback();
        }
        if (originalRows > MAX_ROWS) {
            assertThat(s.capped()).as("a result that can be cut is capped").isTrue();
        }
    }

    @Test
    void recursiveQueryThatNeverEndsStopsAtTheCap() throws SQLException {
        String sql = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n FROM r";
        StatementRewrite s = REWRITER.rewriteStatement(sql, MAX_ROWS);
        try (Connection c = TestPostgres.direct()) {
            assertThat(rows(c, s.sql())).hasSize(MAX_ROWS + 1).startsWith("1").endsWith("101");
        }
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
        SELECT a FROM guard_rw.t ORDER BY a LIMIT $1                          | 500  | 101
        SELECT a FROM guard_rw.t ORDER BY a LIMIT $1                          | 5    | 5
        SELECT a FROM guard_rw.t ORDER BY a LIMIT $1                          | null | 101
        SELECT a FROM guard_rw.t ORDER BY a OFFSET 1 ROWS FETCH FIRST $1 ROWS ONLY | 500 | 101
        SELECT a FROM guard_rw.t ORDER BY a FETCH FIRST $1 ROWS ONLY          | 7    | 7
        """)
    void parameterisedLimitsStayCapped(String sql, Long param, int expected) throws SQLException {
        StatementRewrite s = REWRITER.rewriteStatement(sql, MAX_ROWS);
        assertThat(s.decision()).isEqualTo(Decision.LIMIT_WRAPPED);
        try (Connection c = TestPostgres.direct();
             PreparedStatement ps = c.prepareStatement(s.sql().replace("$1", "?"))) {
            if (param == null) {
                ps.setNull(1, Types.BIGINT);
            } else {
                ps.setLong(1, param);
            }
            int n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    n++;
                }
            }
            assertThat(n).as(s.sql()).isEqualTo(expected);
        }
    }

    @Test
    void withTiesMayReturnMoreThanTheCapSoTheCapStays() throws SQLException {
        StatementRewrite s = REWRITER.rewriteStatement(
                "SELECT a, c FROM guard_rw.t ORDER BY c FETCH FIRST 2000 ROWS WITH TIES", MAX_ROWS);
        assertThat(s.sql()).endsWith("FETCH FIRST 101 ROWS WITH TIES");
        assertThat(s.capRows()).isEqualTo(MAX_ROWS);
        try (Connection c = TestPostgres.direct()) {
            assertThat(rows(c, s.sql())).as("all 500 rows tie on c = 0").hasSize(500);
        }
    }

    @Test
    void cursorQueryIsCappedAcrossFetches() throws SQLException {
        StatementRewrite s = REWRITER.rewriteStatement(
                "DECLARE \"CURSOR:CONN:1\" SCROLL CURSOR FOR SELECT a FROM guard_rw.t ORDER BY a", MAX_ROWS);
        assertThat(s.cursorName()).isEqualTo("CURSOR:CONN:1");
        try (Connection c = TestPostgres.direct()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute(s.sql());
            }
            assertThat(rows(c, "FETCH FORWARD 60 FROM \"CURSOR:CONN:1\"")).hasSize(60);
            assertThat(rows(c, "FETCH FORWARD 60 FROM \"CURSOR:CONN:1\"")).as("the cursor holds exactly maxRows rows")
                    .hasSize(40);
            assertThat(rows(c, "FETCH ABSOLUTE 100 FROM \"CURSOR:CONN:1\"")).containsExactly("100");
            assertThat(rows(c, "FETCH ABSOLUTE 5000 FROM \"CURSOR:CONN:1\"")).isEmpty();
            c.rollback();
        }
    }

    /**
     * Issue 10: a capped scrollable cursor behaves as PostgreSQL's cursor over the first maxRows rows (the issue's
     * 600/600/600/300 with a cap of 1000, scaled to a cap of 100).
     */
    @Test
    void cappedScrollCursorScrollsAsPostgresql() throws SQLException {
        RewriteResult r = REWRITER.rewriteQuery("DECLARE sc SCROLL CURSOR FOR SELECT a FROM guard_rw.t ORDER BY a", MAX_ROWS);
        try (Connection c = TestPostgres.direct()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute(r.sql());
            }
            assertThat(rows(c, "FETCH 60 FROM sc")).hasSize(60);
            try (Statement st = c.createStatement()) {
                st.execute("MOVE ABSOLUTE 0 IN sc");
            }
            assertThat(rows(c, "FETCH 60 FROM sc")).hasSize(60).startsWith("1");
            assertThat(rows(c, "FETCH 60 FROM sc")).hasSize(40).endsWith("100");
            assertThat(rows(c, "FETCH BACKWARD 30 FROM sc")).hasSize(30).startsWith("100").endsWith("71");
            c.rollback();
        }
    }

    @Test
    void multiStatementQueryRunsEachStatementCapped() throws SQLException {
        RewriteResult r = REWRITER.rewriteQuery(
                "SET LOCAL work_mem = '8MB'; SELECT a FROM guard_rw.t; SELECT a FROM guard_rw.u LIMIT 5;", MAX_ROWS);
        assertThat(r.statements()).extracting(StatementRewrite::decision).containsExactly(
                Decision.NOT_A_QUERY, Decision.LIMIT_ADDED, Decision.UNCHANGED_SMALLER_LIMIT);
        try (Connection c = TestPostgres.direct(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            List<Integer> counts = new ArrayList<>();
            boolean isResult = st.execute(r.sql());
            while (true) {
                if (isResult) {
                    int n = 0;
                    try (ResultSet rs = st.getResultSet()) {
                        while (rs.next()) {
                            n++;
                        }
                    }
                    counts.add(n);
                } else if (st.getUpdateCount() == -1) {
                    break;
                }
                isResult = st.getMoreResults();
            }
            assertThat(counts).containsExactly(MAX_ROWS + 1, 5);
            c.rollback();
        }
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(row.toString());
            }
        }
        return out;
    }
}
