package org.pgaw.proxy.guard.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.pgaw.proxy.guard.Refusal;
import org.pgaw.proxy.guard.SqlLexer;
import org.pgaw.proxy.guard.SqlTokens;
import org.pgaw.proxy.guard.StatementGate;

/**
 * The gate runs on the event loop for every statement a learner sends: it must stay linear on the worst shapes
 * (deep nesting, long WITH lists, many calls, EXPLAIN chains) and never overflow the stack. Each shape of about a
 * million tokens is timed against lexing the same text (linear by construction, and equally slowed by a busy
 * machine): a quadratic rule would cost seconds, not a few times the lexer.
 */
class StatementGateCostTest {
    private static final int SIZE = 100_000;

    private static final List<IntFunction<String>> SHAPES = List.of(
            n -> "SELECT " + "(".repeat(n) + "1" + ")".repeat(n),
            n -> "SELECT " + "(".repeat(n) + "1",
            n -> "WITH " + "a AS (WITH ".repeat(n) + "b AS (SELECT 1) SELECT 1" + ") SELECT 1".repeat(n) + " DELETE FROM t",
            n -> "WITH " + "x AS (SELECT 1), ".repeat(n) + "y AS (SELECT 1) SELECT 1",
            n -> "SELECT " + "set_config('search_path', 'x', false), ".repeat(n) + "1",
            n -> "SELECT " + "f(".repeat(n) + "1" + ")".repeat(n),
            n -> "EXPLAIN ".repeat(n) + "SELECT 1",
            n -> "EXPLAIN (ANALYZE off) ".repeat(n) + "DELETE FROM t",
            n -> "SELECT 1 " + "INTO ".repeat(n),
            n -> "WITH RECURSIVE x AS (SELECT 1) " + "CYCLE a SET b ".repeat(n) + "SELECT 1",
            n -> "SELECT 1 FROM t " + "WITH a AS (SELECT 1) CYCLE x ".repeat(n),
            n -> "SELECT 1 FROM t " + "WITH a AS (SELECT 1) SEARCH x ".repeat(n),
            n -> "SELECT " + "U&\"\\0061\"(1), ".repeat(n) + "1",
            n -> "SET " + "a".repeat(n * 10) + " = 1",
            n -> "SELECT * FROM t WHERE " + "(UPDATE x SET ".repeat(n),
            n -> "COPY " + "a.".repeat(n) + "b TO STDOUT",
            n -> "PREPARE q AS ".repeat(n) + "SELECT 1",
            n -> "DECLARE c CURSOR FOR ".repeat(n) + "SELECT 1");

    @Test
    void everyShapeCostsNoMoreThanLexingIt() {
        for (int k = 0; k < SHAPES.size(); k++) {
            String sql = SHAPES.get(k).apply(SIZE);
            SqlTokens t = SqlLexer.lex(sql);
            long lex = Long.MAX_VALUE;
            long gate = Long.MAX_VALUE;
            for (int round = 0; round < 3; round++) {
                long a = System.nanoTime();
                SqlLexer.lex(sql);
                long b = System.nanoTime();
                StatementGate.defaults().check(t, 0, t.size());
                long c = System.nanoTime();
                lex = Math.min(lex, b - a);
                gate = Math.min(gate, c - b);
            }
            assertThat(gate).as("shape #" + k + " (" + t.size() + " tokens): lexing " + lex / 1000 + " us, gate "
                    + gate / 1000 + " us").isLessThan(10 * lex + 50_000_000L);
        }
    }

    @Test
    void aMegabyteStatementIsCheckedInWellUnderASecond() {
        String sql = "SELECT " + "lower(x), (SELECT 1), s.update, ".repeat(40_000) + "1 FROM t s";
        assertThat(sql.length()).isGreaterThan(1_000_000);
        SqlTokens t = SqlLexer.lex(sql);
        check(sql);
        long start = System.nanoTime();
        Refusal r = StatementGate.defaults().check(t, 0, t.size());
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(r).isNull();
        assertThat(ms).isLessThan(500);
    }

    private static void check(String sql) {
        SqlTokens t = SqlLexer.lex(sql);
        StatementGate.defaults().check(t, 0, t.size());
    }
}
