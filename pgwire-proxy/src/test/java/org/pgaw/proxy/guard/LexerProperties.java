package org.pgaw.proxy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.pgaw.proxy.testing.TestPostgres;

/**
 * Properties of the lexer and the rewrite over generated SQL (jqwik): lexing and planning are total; a rewrite only
 * inserts or changes the limit (the original tokens are all kept, in order, checked by {@link LimitOnlyDiff}); and the
 * split of a generated multi-statement Query agrees with PostgreSQL's (as many results as statements).
 */
class LexerProperties {
    private static final int MAX_ROWS = 1000;
    private static final LimitRewriter REWRITER = new LimitRewriter();

    @BeforeContainer
    static void schema() {
        TestPostgres.exec("DROP SCHEMA IF EXISTS guard_prop CASCADE; CREATE SCHEMA guard_prop;"
                + " CREATE TABLE guard_prop.t AS SELECT a, 'r' || a AS b FROM generate_series(1, 3) a;");
    }

    /** Any text at all: the lexer and the rewrite never throw, tokens are ordered and inside the text. */
    @Property(tries = 3000)
    void anyTextLexesAndPlansWithoutFailing(@ForAll("sqlish") String sql) {
        SqlTokens t = SqlLexer.lex(sql);
        int prevEnd = 0;
        for (int i = 0; i < t.size(); i++) {
            assertThat(t.start(i)).isGreaterThanOrEqualTo(prevEnd);
            assertThat(t.end(i)).isGreaterThan(t.start(i)).isLessThanOrEqualTo(sql.length());
            prevEnd = t.end(i);
        }
        RewriteResult r = REWRITER.rewriteQuery(sql, MAX_ROWS);
        if (r.planned()) {
            for (StatementRewrite s : r.statements()) {
                assertThat(s.decision()).isNotNull();
            }
        } else {
            assertThat(r.refusal()).isNotNull();
            assertThat(r.sql()).isEqualTo(sql);
        }
        REWRITER.rewriteStatement(sql, MAX_ROWS);
    }

    /** A rewritten statement differs from the learner's only in the limit; an unchanged decision changes nothing. */
    @Property(tries = 3000)
    void rewriteChangesOnlyTheLimit(@ForAll("statements") String sql) {
        StatementRewrite s = REWRITER.rewriteStatement(sql, MAX_ROWS);
        if (!s.decision().rewritten()) {
            assertThat(s.sql()).isEqualTo(sql);
            return;
        }
        int ask = s.cursorName() != null ? MAX_ROWS : MAX_ROWS + 1;
        assertThat(LimitOnlyDiff.check(sql, s.sql(), ask)).as(sql + "\n→ " + s.sql()).isNull();
    }

    /** PostgreSQL runs as many statements as the lexer splits (for Queries PostgreSQL accepts). */
    @Property(tries = 150)
    void splitAgreesWithPostgresql(@ForAll("queries") String sql) throws IOException {
        QuerySplit split = SqlLexer.split(sql);
        List<DirectWire.Outcome> direct;
        try (DirectWire pg = new DirectWire()) {
            direct = pg.run(sql);
        }
        if (direct.stream().anyMatch(DirectWire.Outcome::error)) {
            return; // generated nonsense PostgreSQL rejects whole: nothing ran, nothing to agree on
        }
        assertThat(split.certain()).as(sql).isTrue();
        int expected = split.statements().isEmpty() ? 1 : split.statements().size(); // empty Query: one EmptyQuery
        assertThat(direct).as(sql).hasSize(expected);
    }

    @Provide
    Arbitrary<String> sqlish() {
        Arbitrary<String> pieces = Arbitraries.of("SELECT", " ", "'", "\"", "$$", "$a$", "--", "/*", "*/", "\n", ";",
                "(", ")", "E'", "U&'", "U&\"", "\\", ".", "limit", "1", "$1", "into", "fetch", "::", "-", "é", "N'",
                "BEGIN", "ATOMIC", "x", ",", "AS", "UESCAPE", "FROM");
        return pieces.list().ofMaxSize(40).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> statements() {
        Arbitrary<String> lead = Arbitraries.of("", "/* c; */ ", "-- x\n", "WITH w AS (SELECT 1 AS \"limit\") ",
                "DECLARE c SCROLL CURSOR FOR ");
        Arbitrary<String> select = Arbitraries.of("SELECT *", "SELECT s.limit, s.into", "SELECT f.fetch next",
                "SELECT 'a;b', $$x$$", "SELECT E'\\''", "SELECT a AS \"offset\"", "SELECT count(*) OVER ()");
        Arbitrary<String> from = Arbitraries.of(" FROM t s", " FROM t, json_to_record('{}') AS (update int)",
                " FROM (SELECT 1 AS \"into\") s", " FROM t JOIN u USING (a)", "");
        Arbitrary<String> tail = Arbitraries.of("", " ORDER BY 1", " LIMIT 5", " LIMIT 5000", " LIMIT $1",
                " LIMIT ALL", " OFFSET 3", " FETCH FIRST 2000 ROWS ONLY", " FETCH FIRST $1 ROWS WITH TIES",
                " LIMIT 10 * 100", " FOR UPDATE", " UNION SELECT 1");
        Arbitrary<String> end = Arbitraries.of("", ";", " -- end", " /* z */ ;", "\n");
        return Combinators.combine(lead, select, from, tail, end).as((a, b, c, d, e) -> a + b + c + d + e);
    }

    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> statement = Arbitraries.of("SELECT 1", "SELECT ';'", "SELECT $$;$$", "SELECT $q$ ; $q$",
                "SELECT a FROM guard_prop.t", "SELECT E'\\';'", "SELECT '\\'", "SELECT \";\" FROM (SELECT 1 AS \";\") s",
                "/* ; */ SELECT 2", "SELECT 3 -- ;", "SELECT (SELECT 4)", "VALUES (5), (6)", "SET LOCAL work_mem = '8MB'",
                "SELECT U&'\\0041;'", "SELECT s.limit FROM (SELECT 1 AS \"limit\") s", "", " ", "SELECT /* /* ; */ */ 7",
                "TABLE guard_prop.t", "SELECT 1 AS \"into\"");
        return statement.list().ofMinSize(1).ofMaxSize(5).map(l -> String.join(";", l));
    }
}
