package org.pgaw.proxy.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgaw.proxy.testing.SeededTries.forAll;
import static org.pgaw.proxy.testing.SeededTries.pick;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pgaw.proxy.testing.SeededTries;
import org.pgaw.proxy.testing.TestPostgres;

/**
 * Properties of the lexer and the rewrite over generated SQL (seeded property tests, {@link SeededTries}): lexing and
 * planning are total; a rewrite only inserts or changes the limit (the original tokens are all kept, in order, checked
 * by {@link LimitOnlyDiff}); and the split of a generated multi-statement Query agrees with PostgreSQL's (as many
 * results as statements).
 */
class LexerPropertyTest {
    private static final int MAX_ROWS = 1000;
    private static final LimitRewriter REWRITER = new LimitRewriter();

    @BeforeAll
    static void schema() {
        TestPostgres.exec("DROP SCHEMA IF EXISTS guard_prop CASCADE; CREATE SCHEMA guard_prop;"
                + " CREATE TABLE guard_prop.t AS SELECT a, 'r' || a AS b FROM generate_series(1, 3) a;");
    }

    /** Any text at all: the lexer and the rewrite never throw, tokens are ordered and inside the text. */
    @Test
    void anyTextLexesAndPlansWithoutFailing() {
        forAll("anyTextLexesAndPlansWithoutFailing", 3000, LexerPropertyTest::sqlish,
                LexerPropertyTest::lexesAndPlansWithoutFailing);
    }

    private static void lexesAndPlansWithoutFailing(String sql) {
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
    @Test
    void rewriteChangesOnlyTheLimit() {
        forAll("rewriteChangesOnlyTheLimit", 3000, LexerPropertyTest::statements, LexerPropertyTest::changesOnlyTheLimit);
    }

    private static void changesOnlyTheLimit(String sql) {
        StatementRewrite s = REWRITER.rewriteStatement(sql, MAX_ROWS);
        if (!s.decision().rewritten()) {
            assertThat(s.sql()).isEqualTo(sql);
            return;
        }
        int ask = s.cursorName() != null ? MAX_ROWS : MAX_ROWS + 1;
        assertThat(LimitOnlyDiff.check(sql, s.sql(), ask)).as(sql + "\n→ " + s.sql()).isNull();
    }

    /** PostgreSQL runs as many statements as the lexer splits (for Queries PostgreSQL accepts). */
    @Test
    void splitAgreesWithPostgresql() {
        forAll("splitAgreesWithPostgresql", 150, LexerPropertyTest::queries, LexerPropertyTest::splitAgrees);
    }

    private static void splitAgrees(String sql) throws IOException {
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

    /** Up to 40 pieces of SQL's quoting, comments and keywords, in any order: mostly text no parser would take. */
    static String sqlish(SplittableRandom random) {
        String[] pieces = {"SELECT", " ", "'", "\"", "$$", "$a$", "--", "/*", "*/", "\n", ";",
            "(", ")", "E'", "U&'", "U&\"", "\\", ".", "limit", "1", "$1", "into", "fetch", "::", "-", "é", "N'",
            "BEGIN", "ATOMIC", "x", ",", "AS", "UESCAPE", "FROM"};
        return join("", random, random.nextInt(0, 41), pieces);
    }

    /** One SELECT-like statement, with keywords as labels, quoting and limits where the rewrite must not be fooled. */
    static String statements(SplittableRandom random) {
        String lead = pick(random, "", "/* c; */ ", "-- x\n", "WITH w AS (SELECT 1 AS \"limit\") ",
                "DECLARE c SCROLL CURSOR FOR ");
        String select = pick(random, "SELECT *", "SELECT s.limit, s.into", "SELECT f.fetch next",
                "SELECT 'a;b', $$x$$", "SELECT E'\\''", "SELECT a AS \"offset\"", "SELECT count(*) OVER ()");
        String from = pick(random, " FROM t s", " FROM t, json_to_record('{}') AS (update int)",
                " FROM (SELECT 1 AS \"into\") s", " FROM t JOIN u USING (a)", "");
        String tail = pick(random, "", " ORDER BY 1", " LIMIT 5", " LIMIT 5000", " LIMIT $1",
                " LIMIT ALL", " OFFSET 3", " FETCH FIRST 2000 ROWS ONLY", " FETCH FIRST $1 ROWS WITH TIES",
                " LIMIT 10 * 100", " FOR UPDATE", " UNION SELECT 1");
        String end = pick(random, "", ";", " -- end", " /* z */ ;", "\n");
        return lead + select + from + tail + end;
    }

    /** One to five statements PostgreSQL runs, joined by semicolons, with semicolons hidden in quotes and comments. */
    static String queries(SplittableRandom random) {
        String[] statements = {"SELECT 1", "SELECT ';'", "SELECT $$;$$", "SELECT $q$ ; $q$",
            "SELECT a FROM guard_prop.t", "SELECT E'\\';'", "SELECT '\\'", "SELECT \";\" FROM (SELECT 1 AS \";\") s",
            "/* ; */ SELECT 2", "SELECT 3 -- ;", "SELECT (SELECT 4)", "VALUES (5), (6)", "SET LOCAL work_mem = '8MB'",
            "SELECT U&'\\0041;'", "SELECT s.limit FROM (SELECT 1 AS \"limit\") s", "", " ", "SELECT /* /* ; */ */ 7",
            "TABLE guard_prop.t", "SELECT 1 AS \"into\""};
        return join(";", random, random.nextInt(1, 6), statements);
    }

    private static String join(String separator, SplittableRandom random, int count, String[] options) {
        List<String> chosen = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            chosen.add(pick(random, options));
        }
        return String.join(separator, chosen);
    }
}
