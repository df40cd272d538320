package org.pgaw.proxy.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.pgaw.proxy.testing.TestPostgres;

/**
 * Promise I: no learner transaction sits idle past the idle limit (2 s here), whatever the client sent last. The
 * observable harm of an idle transaction is its locks: after the limit plus slack the teacher must get an ACCESS
 * EXCLUSIVE lock on the table the learner read, within a short lock_timeout.
 */
class IdleAttackTest {

    @Test
    void simpleBeginThenNothing() throws Exception {
        try (Wire w = Wire.learner()) {
            w.simple("BEGIN; SELECT id FROM atk.customer LIMIT 1");
            assertThat(w.status()).isEqualTo('T');
            waitPastIdle();
            assertTeacherGetsTheLock("BEGIN; SELECT then silence");
        }
    }

    @Test
    void flushMessagesDoNotCountAsActivity() throws Exception {
        try (Wire w = Wire.learner()) {
            w.simple("BEGIN; SELECT id FROM atk.customer LIMIT 1");
            long until = System.nanoTime() + idlePlusSlackNanos();
            while (System.nanoTime() < until) {
                w.send(Pg.flush());
                Thread.sleep(300);
            }
            assertTeacherGetsTheLock("BEGIN; SELECT then a Flush every 300 ms");
        }
    }

    @Test
    void executeWithFlushAndNoSyncHoldsAnImplicitTransaction() throws Exception {
        try (Wire w = Wire.learner()) {
            w.send(Pg.extended("SELECT id FROM atk.customer LIMIT 1", 0), Pg.flush()).untilEnds(1);
            waitPastIdle();
            assertTeacherGetsTheLock("Parse/Bind/Execute + Flush, never Sync");
        }
    }

    @Test
    void settingTheServerTimeoutToZeroDoesNotLiftTheGuard() throws Exception {
        try (Wire w = Wire.learner()) {
            w.simple("SET idle_in_transaction_session_timeout = 0");
            w.simple("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            w.simple("BEGIN; SELECT id FROM atk.customer LIMIT 1");
            waitPastIdle();
            assertTeacherGetsTheLock("after SET idle_in_transaction_session_timeout = 0");
        }
    }

    private static void waitPastIdle() throws InterruptedException {
        Thread.sleep(idlePlusSlackNanos() / 1_000_000);
    }

    private static long idlePlusSlackNanos() {
        return AttackProxy.IDLE.plus(AttackProxy.TIME_SLACK).toNanos();
    }

    static void assertTeacherGetsTheLock(String what) throws SQLException {
        try (Connection c = TestPostgres.direct(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("SET LOCAL lock_timeout = '1s'");
            try {
                s.execute("LOCK TABLE atk.customer IN ACCESS EXCLUSIVE MODE");
            } catch (SQLException e) {
                throw new AssertionError("I: " + what + ": the learner's transaction still holds its lock after the idle"
                        + " limit: " + e.getMessage(), e);
            } finally {
                c.rollback();
            }
        }
    }
}
