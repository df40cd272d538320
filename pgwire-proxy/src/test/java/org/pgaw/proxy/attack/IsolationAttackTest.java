package org.pgaw.proxy.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Promise X: learners cannot see each other's SQL, nor cancel or terminate each other; the teacher can; one learner
 * cannot hoard sessions (the limit is per user: everyone behind pgAdmin arrives from a few addresses).
 */
class IsolationAttackTest {
    private static final String MARKER = "atk-secret-" + System.nanoTime();

    @Test
    void anotherLearnerCannotSeeMySqlNorStopIt() throws Exception {
        try (Wire a = Wire.learner(); Wire b = Wire.learner2()) {
            int pidA = Integer.parseInt(a.one("SELECT pg_backend_pid()").firstRow());
            a.send(Pg.query("SELECT pg_sleep(1.2), '" + MARKER + "'")); // under the 2 s timer
            Thread.sleep(300);
            Result seen = b.one("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%" + MARKER
                    + "%' AND pid <> pg_backend_pid()");
            assertThat(seen.firstRow()).as("X: learner B sees learner A's SQL: %s", seen).isEqualTo("0");
            List<Result> cancel = b.simple("SELECT pg_cancel_backend(" + pidA + ")");
            List<Result> terminate = b.simple("SELECT pg_terminate_backend(" + pidA + ")");
            assertThat(succeeded(cancel)).as("X: B cancelled A: %s", cancel).isFalse();
            assertThat(succeeded(terminate)).as("X: B terminated A: %s", terminate).isFalse();
            List<Result> ra = a.untilReady();
            assertThat(ra).as("A's statement ran to its end").hasSize(1);
            assertThat(ra.get(0).isError()).as("A: %s", ra).isFalse();
        }
    }

    @Test
    void aForgedCancelRequestDoesNothing() throws Exception {
        try (Wire a = Wire.learner()) {
            a.send(Pg.query("SELECT pg_sleep(1.5), 'done'"));
            Thread.sleep(200);
            // a CancelRequest with A's pid and guessed secrets, from another connection
            for (int secret : new int[] {0, 1, -1, 12345}) {
                try (java.net.Socket s = new java.net.Socket("127.0.0.1", AttackProxy.address().getPort())) {
                    s.getOutputStream().write(org.pgaw.proxy.testing.WireClient.cancelRequest(a.backendPid(), secret));
                    s.getOutputStream().flush();
                }
            }
            List<Result> r = a.untilReady();
            assertThat(r.get(0).isError()).as("a forged cancel reached A: %s", r).isFalse();
        }
    }

    @Test
    void theTeacherCanSeeAndCancelALearner() throws Exception {
        try (Wire a = Wire.learner(); Wire t = Wire.teacher()) {
            a.send(Pg.query("SELECT pg_sleep(1.5), '" + MARKER + "-t'")); // under the 2 s timer
            Thread.sleep(300);
            Result r = t.one("SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE query LIKE '%" + MARKER
                    + "-t%' AND pid <> pg_backend_pid()");
            assertThat(r.firstRow()).as("the teacher sees and cancels: %s", r).isEqualTo("t");
            List<Result> ra = a.untilReady();
            assertThat(ra.get(0).sqlState()).as("A was cancelled by the teacher: %s", ra).isEqualTo("57014");
            assertThat(ra.get(0).guardNotices()).as("by the teacher, not by the guard's timer").isEmpty();
        }
    }

    @Test
    void oneLearnerCannotHoardSessionsAndOthersCanStillConnect() throws Exception {
        List<Wire> held = new ArrayList<>();
        String refusal = null;
        try {
            for (int i = 0; i < 60 && refusal == null; i++) {
                try {
                    held.add(Wire.learner());
                } catch (IOException e) {
                    refusal = e.getMessage();
                }
            }
            assertThat(refusal).as("X: one learner opened %d sessions without a per-user limit", held.size()).isNotNull();
            assertThat(refusal).as("refused with 53300 too_many_connections").contains("53300");
            try (Wire other = Wire.learner2()) {
                Promises.alive("another learner connects while the first is at its limit", other);
            }
        } finally {
            for (Wire w : held) w.close();
        }
    }

    private static boolean succeeded(List<Result> r) {
        return r.size() == 1 && !r.get(0).isError() && "t".equals(r.get(0).firstRow());
    }
}
