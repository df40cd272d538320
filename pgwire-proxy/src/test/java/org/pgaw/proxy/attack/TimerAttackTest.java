package org.pgaw.proxy.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pgaw.proxy.testing.TestPostgres;

/**
 * Promise T: no statement runs past the timer (2 s here), whatever route makes the backend work, and a guard's
 * cancel never lands on another statement. Every reply must come within the timer plus slack.
 */
class TimerAttackTest {

    static Stream<Arguments> simpleRoutes() {
        List<Arguments> a = new ArrayList<>();
        add(a, "pg_sleep", "SELECT pg_sleep(10)");
        add(a, "after SET statement_timeout = 0", "SET statement_timeout = 0", "SELECT pg_sleep(10)");
        add(a, "after set_config('statement_timeout', '0')",
                "SELECT set_config('statement_timeout', '0', false)", "SELECT pg_sleep(10)");
        add(a, "in a subquery", "SELECT * FROM (SELECT pg_sleep(10)) s");
        add(a, "PREPARE/EXECUTE", "PREPARE atk_s AS SELECT pg_sleep(10); EXECUTE atk_s");
        add(a, "COPY (SELECT pg_sleep) TO STDOUT", "COPY (SELECT pg_sleep(10)) TO STDOUT");
        add(a, "cursor FETCH of a slow query",
                "BEGIN; DECLARE sc CURSOR FOR SELECT pg_sleep(1) FROM generate_series(1, 10); FETCH ALL FROM sc");
        // "DECLARE hc CURSOR WITH HOLD FOR SELECT pg_sleep(10)" (materialised at commit): refused by the gate since round
        // 3 (hold_cursors, HoldCursorRound3Test), nothing runs.
        add(a, "endless recursive CTE burning CPU",
                "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r");
        add(a, "EXPLAIN ANALYZE of a cross join",
                "EXPLAIN ANALYZE SELECT count(*) FROM atk.customer a, atk.customer b");
        add(a, "pg_sleep_for in the second statement", "SELECT 1; SELECT pg_sleep_for('10 seconds')");
        add(a, "pg_sleep per row under a LIMIT", "SELECT pg_sleep(0.5) FROM atk.customer LIMIT 20");
        add(a, "a slow function in WHERE", "SELECT count(*) FROM atk.customer WHERE pg_sleep(0.01) IS NOT NULL");
        return a.stream();
    }

    private static void add(List<Arguments> a, String name, String sql) {
        add(a, name, null, sql);
    }

    /** {@code setup} goes first in a Query of its own (a guard may refuse it; the slow statement must still stop). */
    private static void add(List<Arguments> a, String name, String setup, String sql) {
        a.add(Arguments.of(name, setup, sql));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("simpleRoutes")
    void aSlowStatementIsCancelledByTheTimer(String name, String setup, String sql) throws Exception {
        try (Wire w = Wire.learner()) {
            if (setup != null) w.simple(setup);
            List<Result> r = w.simple(sql);
            Result last = r.get(r.size() - 1);
            Promises.withinTimer(name, last);
            assertThat(last.sqlState()).as("T: %s ends with 57014 (query_canceled): %s", name, r).isEqualTo("57014");
            Promises.alive(name, w);
        }
    }

    @Test
    void extendedWithSync() throws Exception {
        try (Wire w = Wire.learner()) {
            List<Result> r = w.send(Pg.extended("SELECT pg_sleep(10)", 0), Pg.sync()).untilReady();
            Promises.withinTimer("extended + Sync", r.get(r.size() - 1));
            assertThat(r.get(r.size() - 1).sqlState()).isEqualTo("57014");
            Promises.alive("extended", w);
        }
    }

    @Test
    void extendedWithFlushAndNoSync() throws Exception {
        try (Wire w = Wire.learner()) {
            List<Result> r = w.send(Pg.extended("SELECT pg_sleep(10)", 0), Pg.flush()).untilEnds(1);
            Promises.withinTimer("Execute + Flush, no Sync", r.get(0));
            assertThat(r.get(0).sqlState()).as("%s", r).isEqualTo("57014");
            w.send(Pg.sync()).untilReady();
            Promises.alive("Flush", w);
        }
    }

    @Test
    void extendedWithoutSyncOrFlushStillStopsOnTheServer() throws Exception {
        try (Wire w = Wire.learner()) {
            int pid = Integer.parseInt(w.one("SELECT pg_backend_pid()").firstRow());
            w.send(Pg.extended("SELECT pg_sleep(10)", 0));
            Thread.sleep(AttackProxy.TIMER.plus(AttackProxy.TIME_SLACK).toMillis());
            assertThat(backendState(pid)).as("T: the backend of an Execute without Sync or Flush after the timer")
                    .isNotEqualTo("active");
            w.send(Pg.sync()).untilReady();
            Promises.alive("no Sync", w);
        }
    }

    @Test
    void aFunctionCallOfPgSleepIsRefusedOrCancelled() throws Exception {
        try (Wire w = Wire.learner()) {
            // pg_sleep(float8) is OID 2626
            List<Result> r = w.send(Pg.functionCall(2626, "10")).untilReady();
            assertThat(r).as("a FunctionCall from a learner gets an ERROR").anyMatch(Result::isError);
            Promises.withinTimer("FunctionCall pg_sleep", r.get(r.size() - 1));
            Promises.alive("FunctionCall", w);
        }
    }

    @Test
    void pipelinedQueriesAreEachTimedAndTheCancelHitsOnlyTheSlowOnes() throws Exception {
        try (Wire w = Wire.learner()) {
            long t0 = System.nanoTime();
            w.send(Pg.query("SELECT pg_sleep(10)"), Pg.query("SELECT 'second', pg_sleep(0.5)"),
                    Pg.query("SELECT pg_sleep(10)"));
            Result first = w.untilReady().get(0);
            long t1 = System.nanoTime();
            List<Result> second = w.untilReady();
            long t2 = System.nanoTime();
            Result third = w.untilReady().get(0);
            long t3 = System.nanoTime();
            assertThat(first.sqlState()).as("first: %s", first).isEqualTo("57014");
            assertThat(Duration.ofNanos(t1 - t0)).as("first statement").isLessThan(limit());
            assertThat(second).as("the quick second statement must not be cancelled").hasSize(1);
            assertThat(second.get(0).isError()).as("second: %s", second).isFalse();
            assertThat(second.get(0).dataRows()).isEqualTo(1);
            assertThat(third.sqlState()).as("third: %s", third).isEqualTo("57014");
            assertThat(Duration.ofNanos(t3 - t2)).as("T: the third pipelined statement, timed from its own start")
                    .isLessThan(limit());
        }
    }

    @Test
    void pipelinedExtendedStatementsAreEachTimed() throws Exception {
        try (Wire w = Wire.learner()) {
            long t0 = System.nanoTime();
            w.send(Pg.extended("SELECT pg_sleep(10)", 0), Pg.sync(), Pg.extended("SELECT pg_sleep(10)", 0), Pg.sync());
            Result a = w.untilReady().get(0);
            long t1 = System.nanoTime();
            Result b = w.untilReady().get(0);
            long t2 = System.nanoTime();
            assertThat(a.sqlState()).isEqualTo("57014");
            assertThat(b.sqlState()).as("the second pipelined Execute: %s", b).isEqualTo("57014");
            assertThat(Duration.ofNanos(t1 - t0)).isLessThan(limit());
            assertThat(Duration.ofNanos(t2 - t1)).as("T: second pipelined Execute").isLessThan(limit());
        }
    }

    @Test
    void aCancelNeverLandsOnTheNextStatement() throws Exception {
        double justUnder = AttackProxy.TIMER.toMillis() / 1000.0 - 0.25;
        for (int i = 0; i < 2; i++) {
            try (Wire w = Wire.learner()) {
                w.send(Pg.query("SELECT pg_sleep(" + justUnder + ")"), Pg.query("SELECT 'next', pg_sleep(1)"));
                w.untilReady(); // the first may or may not have been cancelled: it ran close to the timer
                List<Result> next = w.untilReady();
                assertThat(next).as("round %d: the next statement ran 1 s and must not be cancelled", i).hasSize(1);
                assertThat(next.get(0).isError()).as("round %d: %s", i, next).isFalse();
            }
        }
    }

    @Test
    void aGuardCancelOfAnExtendedPipelineDoesNotHitTheFollowingExecute() throws Exception {
        double justUnder = AttackProxy.TIMER.toMillis() / 1000.0 - 0.25;
        try (Wire w = Wire.learner()) {
            w.send(Pg.extended("SELECT pg_sleep(" + justUnder + ")", 0), Pg.sync(),
                    Pg.extended("SELECT 'next', pg_sleep(1)", 0), Pg.sync());
            w.untilReady();
            List<Result> next = w.untilReady();
            assertThat(next.get(next.size() - 1).isError()).as("%s", next).isFalse();
        }
    }

    private static Duration limit() {
        return AttackProxy.TIMER.plus(AttackProxy.TIME_SLACK);
    }

    static String backendState(int pid) throws Exception {
        try (Connection c = TestPostgres.direct(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT state FROM pg_stat_activity WHERE pid = " + pid)) {
            return r.next() ? r.getString(1) : "gone";
        }
    }
}
