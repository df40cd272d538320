package org.pgaw.proxy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pgaw.proxy.testing.TestPostgres;

/**
 * Errors read as the learner's own SQL would (issue 10 item 7): every malformed Query is run on PostgreSQL as the
 * learner wrote it and as rewritten (error positions mapped back by {@link ErrorPositions}); what the learner reads,
 * SQLSTATE, message and position of each result, must be the same. A Query the rewrite refuses must be refused with
 * PostgreSQL's own error.
 */
class ErrorFidelityTest {
    private static final int MAX_ROWS = 100;
    private static final LimitRewriter REWRITER = new LimitRewriter();

    @BeforeAll
    static void schema() {
        TestPostgres.exec("DROP SCHEMA IF EXISTS guard_err CASCADE; CREATE SCHEMA guard_err;"
                + " CREATE TABLE guard_err.t AS SELECT a, 'row ' || a AS b FROM generate_series(1, 5) a;");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        // incomplete statements: PostgreSQL must say "at end of input" and point at it
        "SELECT * FROM guard_err.t ORDER BY",
        "SELECT 1 +",
        "SELECT * FROM guard_err.t WHERE",
        "SELECT * FROM guard_err.t WHERE a = 1 AND",
        "SELECT * FROM guard_err.t WHERE a = 1 OR",
        "SELECT * FROM",
        "SELECT * FROM guard_err.t JOIN",
        "SELECT * FROM guard_err.t t JOIN guard_err.t u ON",
        "SELECT * FROM guard_err.t GROUP BY",
        "SELECT * FROM guard_err.t ORDER BY a,",
        "SELECT (1 + 2",
        "SELECT * FROM guard_err.t WHERE a IN (",
        "SELECT 1 UNION",
        "SELECT 1 UNION ALL",
        "SELECT a FROM guard_err.t AS",
        "SELECT * FROM guard_err.t WHERE b LIKE",
        "SELECT CASE WHEN a = 1 THEN",
        "SELECT 1::",
        "SELECT 2 *",
        "SELECT * FROM guard_err.t WHERE a BETWEEN 1 AND",
        "SELECT * FROM guard_err.t t WHERE t.",
        "SELECT * FROM guard_err.t ORDER BY a NULLS",
        "SELECT * FROM guard_err.t HAVING",
        "SELECT DISTINCT",
        "SELECT * FROM guard_err.t WHERE NOT",
        "WITH x AS (SELECT 1) SELECT * FROM x WHERE",
        "VALUES (1), (2),",
        "SELECT * FROM guard_err.t WHERE\n",
        "SELECT * FROM guard_err.t FETCH FIRST 5000 ROWS",
        "SELECT * FROM guard_err.t OFFSET 1 ROWS FETCH NEXT",
        // typos and syntax errors before the splice point
        "SELEC * FROM guard_err.t",
        "SELECT * FORM guard_err.t",
        "SELECT * FROM guard_err.t WHER a = 1",
        "SELECT * FROM guard_err.t ORDER a",
        "SELECT * FROM guard_err.t LIMT 10",
        "SELECT a, FROM guard_err.t",
        // errors PostgreSQL finds while analysing or running, before and after the splice point
        "SELECT * FROM guard_err.t WHERE a == 1",
        "SELECT * FROM guard_err.tt",
        "SELECT nosuch FROM guard_err.t",
        "SELECT a FROM guard_err.t WHERE nosuch = 1",
        "SELECT a FROM guard_err.t ORDER BY nosuch",
        "SELECT a FROM guard_err.t UNION SELECT b FROM guard_err.t",
        "SELECT 1/0 FROM guard_err.t",
        "SELECT 'abc'::int FROM guard_err.t",
        "SELECT count(*) FROM guard_err.t ORDER BY a",
        "SELECT * FROM guard_err.t t1, guard_err.t t2 WHERE a = 1",
        "TABLE guard_err.nosuch",
        "SELECT * FROM guard_err.t LIMIT 10 * 1000 OFFSET 'x'",
        "SELECT * FROM guard_err.t LIMIT 5000 OFFSET nosuch",
        "SELECT * FROM guard_err.t LIMIT $1",
        "SELECT * FROM guard_err.t LIMIT 'abc'",
        "SELECT * FROM guard_err.t LIMIT -1",
        "SELECT * FROM guard_err.t LIMIT (SELECT nosuch)",
        "SELECT a FROM guard_err.t FOR UPDATE OF nosuch",
        "SELECT a FROM guard_err.t ORDER BY a FOR SHARE OF zz",
        "SELECT 1; SELECT nosuch FROM guard_err.t",
        "SELECT a FROM guard_err.t; SELECT a FROM guard_err.t; SELECT zz FROM guard_err.t",
        "SELECT a FROM guard_err.t LIMIT 10 * 1000; SELECT zz FROM guard_err.t",
        "SELECT 'é', a FROM guard_err.t; SELECT 'ü' || zz FROM guard_err.t",
        "SELECT * FROM guard_err.t; SELECT * FROM guard_err.t WHERE a = 'x'",
        "SELECT * FROM guard_err.t ORDER BY; SELECT 1",
        "SELECT 1; SELECT * FROM guard_err.t WHERE",
        // unterminated text: refused by the proxy with PostgreSQL's words
        "SELECT 'oops FROM guard_err.t",
        "SELECT * FROM guard_err.t /* open comment",
        "SELECT \"unclosed FROM guard_err.t",
        "SELECT $$never closed",
        "SELECT 1; SELECT 'oops",
    })
    void learnerReadsTheErrorPostgresqlGivesForTheirText(String sql) throws IOException {
        List<String> direct;
        try (DirectWire pg = new DirectWire()) {
            direct = shown(pg.run(sql));
        }
        assertThat(direct).as("PostgreSQL rejects it").anyMatch(s -> !s.startsWith("rows=") && !s.startsWith("SELECT"));
        RewriteResult r = REWRITER.rewriteQuery(sql, MAX_ROWS);
        List<String> through;
        // the rewrite's own refusals (unterminated text) must read as PostgreSQL's; the statement gate's refusals
        // (an unknown first word such as SELEC) are the gate's messages and not compared here
        if (r.queryRefusal() != null) {
            Refusal f = r.queryRefusal();
            through = List.of(f.sqlState() + " " + f.message() + " @" + f.position());
            direct = direct.subList(direct.size() - 1, direct.size());
        } else {
            try (DirectWire pg = new DirectWire()) {
                through = new ArrayList<>();
                for (DirectWire.Outcome o : pg.run(r.sql())) {
                    through.add(o.error() ? DirectWire.parseError(ErrorPositions.remap(o.body(), r.positions())).shown()
                            : o.shown());
                }
            }
        }
        assertThat(through).as("rewritten: " + r.sql()).isEqualTo(direct);
    }

    private static List<String> shown(List<DirectWire.Outcome> outcomes) {
        return outcomes.stream().map(DirectWire.Outcome::shown).toList();
    }

    @Test
    void parsedStatementsMapTheirOwnPositions() throws IOException {
        StatementRewrite s = REWRITER.rewriteStatement("SELECT * FROM guard_err.t LIMIT 10 * 1000 OFFSET 'x'", MAX_ROWS);
        assertThat(s.positions().identity()).isFalse();
        assertThat(s.positions().toOriginal(s.sql().indexOf("'x'") + 1).position())
                .isEqualTo("SELECT * FROM guard_err.t LIMIT 10 * 1000 OFFSET 'x'".indexOf("'x'") + 1);
        assertThat(s.positions().toOriginal(s.sql().indexOf("101::bigint") + 1).insideInsertedText()).isTrue();
    }
}
