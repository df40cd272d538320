package org.pgaw.proxy.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgaw.proxy.testing.SeededTries.forAll;
import static org.pgaw.proxy.testing.SeededTries.pick;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link QueryShapes} reuses a Query's split, plans and checks for every text of the same shape (the same tokens but
 * for the constants' values). A reused decision must never let through what the checks would refuse for that very
 * text: the gate and the setting checks read some constants (an EXPLAIN option's value, set_config's setting name, a
 * client encoding, a FETCH count), and only checks that read none are reused.
 */
class QueryShapeCacheTest {
    /** Statements the gate, the setting checks or the limit plan judge by a constant; #S a string, #N a number. */
    private static final String[] TEMPLATES = {
        "SELECT abalance FROM pgbench_accounts WHERE aid = #N",
        "SELECT * FROM t LIMIT #N",
        "SELECT * FROM t ORDER BY a FETCH FIRST #N ROWS ONLY",
        "SELECT * FROM t LIMIT #N OFFSET #N",
        "EXPLAIN (ANALYZE #S) SELECT * FROM t",
        "EXPLAIN (ANALYZE #N) DELETE FROM t",
        "EXPLAIN (ANALYZE #S, VERBOSE #N) INSERT INTO t VALUES (#N)",
        "EXPLAIN (ANALYZE #N) CREATE TABLE x AS SELECT #N",
        "SELECT set_config(#S, #S, false)",
        "SELECT pg_catalog.set_config(#S, #S, #S) FROM t WHERE a = #N",
        "SELECT U&\"s!0065t_config\" UESCAPE #S (#S, #S, false)",
        "SELECT * FROM U&\"t!0061\" UESCAPE #S",
        "SET client_encoding TO #S",
        "SET client_encoding = #S",
        "SET NAMES #S",
        "SET standard_conforming_strings = #S",
        "SET standard_conforming_strings TO #N",
        "SET work_mem = #S",
        "SET statement_timeout = #N",
        "SET LOCAL lock_timeout TO #S",
        "SET SESSION AUTHORIZATION #S",
        "SET ROLE #S",
        "ALTER SYSTEM SET work_mem = #S",
        "FETCH #N FROM c",
        "MOVE #N IN c",
        "FETCH FORWARD #N c",
        "FETCH ABSOLUTE #N FROM c",
        "FETCH BACKWARD #N IN c",
        "DECLARE c CURSOR FOR SELECT * FROM t LIMIT #N",
        "SELECT #S",
        "SELECT #S::regclass, #N",
        "SELECT current_setting(#S)",
        "SELECT lo_import(#S)",
        "SELECT pg_read_file(#S)",
        "SELECT dblink(#S, #S)",
        "SELECT query_to_xml(#S, true, true, #S)",
        "SELECT pg_notify(#S, #S)",
        "COPY t TO #S",
        "COPY (SELECT #N) TO STDOUT",
        "DO #S",
        "PREPARE TRANSACTION #S",
        "COMMIT PREPARED #S",
        "INSERT INTO t VALUES (#N, #S)",
        "EXECUTE p(#N, #S)",
        "NOTIFY x, #S",
        "RESET ALL",
    };
    private static final String[] STRINGS = {
        "'on'", "'off'", "'true'", "'false'", "'0'", "'1'", "'SJIS'", "'UTF8'", "'BIG5'", "'LATIN1'",
        "'client_encoding'", "'standard_conforming_strings'", "'search_path'", "'work_mem'", "'statement_timeout'",
        "'pgaw.max_rows'", "'set_config'", "'x'", "'!'", "'\\'", "'#'", "''", "'it''s'", "E'\\''", "E'on'",
        "$$SELECT 1; DELETE FROM t$$", "$q$off$q$", "U&'SJIS'", "'/etc/passwd'", "'DELETE FROM t'",
    };
    private static final String[] NUMBERS = {"0", "1", "2", "5", "1000", "5000", "1.5", "0x10", "1e3", "99999999999"};
    private static final StatementGate[] GATES = {
        StatementGate.defaults(),
        StatementGate.allowing(List.of("dml", "ddl")),
        StatementGate.allowing(StatementGate.widenableNames()),
    };

    /** Two texts of one shape, the gate, the row cap and standard_conforming_strings to rewrite them with. */
    record Pair(String first, String second, StatementGate gate, int maxRows, Boolean scs) { }

    @Test
    void aCachedShapeDecidesEveryTextAsTheUncachedRewriteDoes() {
        int[] fromShapes = {0};
        forAll("cached and uncached rewrites agree", 3000, QueryShapeCacheTest::pair, p -> {
            LimitRewriter cached = new LimitRewriter(100, false, p.gate());
            LimitRewriter uncached = new LimitRewriter(0, false, p.gate());
            cached.rewriteQuery(p.first(), p.maxRows(), p.scs(), p.gate());
            long hits = cached.cacheHits();
            RewriteResult fromShape = cached.rewriteQuery(p.second(), p.maxRows(), p.scs(), p.gate());
            RewriteResult fresh = uncached.rewriteQuery(p.second(), p.maxRows(), p.scs(), p.gate());
            if (fresh.planned() && sameShape(p)) {
                assertThat(cached.cacheHits()).as("the second text came from the first one's shape").isGreaterThan(hits);
                fromShapes[0]++;
            }
            assertSame(fromShape, fresh);
        });
        assertThat(fromShapes[0]).as("tries whose second text was rewritten from the cached shape").isGreaterThan(2000);
    }

    private static boolean sameShape(Pair p) {
        SqlTokens a = SqlLexer.lexEitherWay(p.first(), p.scs(), 0);
        SqlTokens b = SqlLexer.lexEitherWay(p.second(), p.scs(), 0);
        return a != null && b != null && !a.unterminated() && !b.unterminated()
                && PlanCache.key(a, 0, a.size()).equals(PlanCache.key(b, 0, b.size()));
    }

    @Test
    void checksOfPgbenchsQueryReadNoConstantSoTheyAreReused() {
        assertThat(readsConstants("SELECT abalance FROM pgbench_accounts WHERE aid = 12345")).isFalse();
        assertThat(readsConstants("SELECT * FROM t WHERE a = 1 AND b > 2.5 LIMIT 10")).isFalse();
    }

    @Test
    void checksThatJudgeAConstantSayTheyReadOne() {
        assertThat(readsConstants("EXPLAIN (ANALYZE 0) DELETE FROM t")).isTrue();
        assertThat(readsConstants("SELECT set_config('client_encoding', 'SJIS', false)")).isTrue();
        assertThat(readsConstants("SET client_encoding TO 'SJIS'")).isTrue();
        assertThat(readsConstants("SET standard_conforming_strings = off")).isFalse(); // no constant at all
        assertThat(readsConstants("SET standard_conforming_strings = 'off'")).isTrue();
        assertThat(readsConstants("SELECT * FROM U&\"t!0061\" UESCAPE '!'")).isTrue();
    }

    @Test
    void aRefusalThatDependsOnAConstantIsNotReusedForAnother() {
        LimitRewriter r = new LimitRewriter(100, false, StatementGate.defaults());
        assertThat(r.rewriteQuery("EXPLAIN (ANALYZE 0) DELETE FROM t", 10).refusal()).isNull();
        assertThat(r.rewriteQuery("EXPLAIN (ANALYZE 1) DELETE FROM t", 10).refusal()).isNotNull();
        assertThat(r.rewriteQuery("SELECT set_config('search_path', 'SJIS', false)", 10).refusal()).isNull();
        assertThat(r.rewriteQuery("SELECT set_config('client_encoding', 'SJIS', false)", 10).refusal()).isNotNull();
    }

    @Test
    void theShapeCacheStaysWithinItsWeightWhateverItIsSent() {
        QueryShapes shapes = new QueryShapes(10_000);
        java.util.List<QueryShapes.Statement> many = java.util.Collections.nCopies(QueryShapes.MAX_STATEMENTS,
                new QueryShapes.Statement(0, 1, null, StatementChecks.NONE));
        for (int i = 0; i < 20_000; i++) {
            SqlTokens t = SqlLexer.lex("LISTEN a" + i + "; SELECT b" + "x".repeat(i % 3000));
            shapes.put(shapes.key(t, StatementGate.defaults()), new QueryShapes.Shape(many));
            assertThat(shapes.weight()).isLessThanOrEqualTo(QueryShapes.MAX_TOTAL_WEIGHT);
        }
        assertThat(shapes.size()).isPositive();
        SqlTokens longer = SqlLexer.lex("SELECT 1");
        java.util.List<QueryShapes.Statement> tooMany = java.util.Collections.nCopies(QueryShapes.MAX_STATEMENTS + 1,
                new QueryShapes.Statement(0, 1, null, null));
        shapes.put(shapes.key(longer, StatementGate.defaults()), new QueryShapes.Shape(tooMany));
        assertThat(shapes.get(shapes.key(longer, StatementGate.defaults()))).as("too many statements to keep").isNull();
    }

    private static boolean readsConstants(String sql) {
        SqlTokens t = SqlLexer.lex(sql);
        return StatementChecks.watched(t, 0, t.size(), StatementGate.defaults(), false).readConstants();
    }

    private static void assertSame(RewriteResult cached, RewriteResult fresh) {
        assertThat(cached.sql()).isEqualTo(fresh.sql());
        assertThat(cached.queryRefusal()).isEqualTo(fresh.queryRefusal());
        assertThat(cached.statements()).isEqualTo(fresh.statements());
        assertThat(cached.standardConformingStringsAfter()).isEqualTo(fresh.standardConformingStringsAfter());
        for (int p = 1; p <= fresh.sql().length() + 1; p++) {
            assertThat(cached.positions().toOriginal(p)).as("position %d", p).isEqualTo(fresh.positions().toOriginal(p));
        }
    }

    private static Pair pair(SplittableRandom random) {
        int n = 1 + random.nextInt(3);
        StringBuilder shape = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) shape.append(pick(random, "; ", ";\n", " ;"));
            shape.append(pick(random, TEMPLATES));
        }
        if (random.nextBoolean()) shape.append(';');
        String template = shape.toString();
        return new Pair(fill(template, random), fill(template, random), pick(random, GATES),
                pick(random, 0, 3, 1000), pick(random, Boolean.TRUE, Boolean.TRUE, Boolean.FALSE, null));
    }

    private static String fill(String template, SplittableRandom random) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '#' && i + 1 < template.length() && (template.charAt(i + 1) == 'S' || template.charAt(i + 1) == 'N')) {
                out.append(template.charAt(i + 1) == 'S' ? pick(random, STRINGS) : pick(random, NUMBERS));
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
