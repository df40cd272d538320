package org.pgaw.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pgaw.proxy.ProxyServer;
import org.pgaw.proxy.config.GuardConfig;
import org.pgaw.proxy.config.GuardConfig.BudgetMode;
import org.pgaw.proxy.config.GuardConfig.GuardLimits;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.config.LimitsConfig;
import org.pgaw.proxy.config.ProxyConfig;
import org.pgaw.proxy.testing.PasswordRoles;
import org.pgaw.proxy.testing.TestPostgres;

/**
 * limits.max_running_statements_per_user against a real PostgreSQL and pgjdbc: one learner's third statement waits
 * in the proxy (told why after a second) while another learner and the exempt teacher are not held; a cancel of a
 * waiting statement (CancelRequest, or pgAdmin's Stop: pg_cancel_backend from another session) ends it with 57014;
 * a session that goes away gives its slot back; waiting is not idling and not running; and no path leaks a slot.
 */
class FairShareTest {
    private static final int MAX = 2;
    private static final String LEARNER = PasswordRoles.SCRAM_USER;
    private static final String OTHER = PasswordRoles.MD5_USER;
    private ProxyServer proxy;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<Connection> open = new ArrayList<>();

    @BeforeAll
    static void roles() {
        TestPostgres.exec("DO $$ BEGIN CREATE ROLE teacher LOGIN SUPERUSER; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (Connection c : open) c.close();
        pool.shutdownNow();
        if (proxy != null) {
            RunningStatements r = proxy.context().runningStatements();
            await("every slot is given back", () -> r.running(LEARNER) == 0 && r.waiting(LEARNER) == 0 && r.users() == 0);
            proxy.close();
        }
    }

    private void start(Duration statementTimeout, Duration idleInTransaction) {
        GuardLimits limits = new GuardLimits(1000, 64L << 20, BudgetMode.TRUNCATE, statementTimeout, idleInTransaction,
                Duration.ZERO);
        proxy = ProxyServer.start(ProxyConfig.defaults().withTls(null).withAdmin(null)
                .withListen(new HostPort("127.0.0.1", 0)).withBackend(TestPostgres.address())
                // The class's long places are LongStatementPlacesTest's: off here, so that two sleeps of one learner
                // run side by side whatever their length.
                .withLimits(LimitsConfig.defaults().withMaxRunningStatementsPerUser(MAX).withLongStatements(0, Duration.ofSeconds(1)))
                .withGuard(new GuardConfig(true, limits, List.of(), List.of("teacher"))));
    }

    private Connection connect(String user, boolean simple) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (user.equals(LEARNER)) p.setProperty("password", PasswordRoles.scramPassword());
        if (user.equals(OTHER)) p.setProperty("password", PasswordRoles.md5Password());
        p.setProperty("sslmode", "disable");
        if (simple) p.setProperty("preferQueryMode", "simple");
        Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.address().getPort() + "/postgres", p);
        open.add(c);
        return c;
    }

    private Connection learner() throws SQLException {
        return connect(LEARNER, false);
    }

    /** Runs {@code sql} on {@code c} in the background; the future gives its wall time in ms and its warnings. */
    private Future<Run> run(Connection c, String sql) {
        return pool.submit(() -> {
            long t0 = System.nanoTime();
            try (Statement s = c.createStatement()) {
                s.execute(sql);
                return new Run((System.nanoTime() - t0) / 1_000_000, warnings(s.getWarnings()));
            }
        });
    }

    private record Run(long millis, List<String> warnings) { }

    private static List<String> warnings(SQLWarning w) {
        List<String> all = new ArrayList<>();
        for (; w != null; w = w.getNextWarning()) all.add(w.getMessage());
        return all;
    }

    private RunningStatements slots() {
        return proxy.context().runningStatements();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("not within 10 s: " + what);
            Thread.sleep(20);
        }
    }

    private static long activeBackends(String user) throws SQLException {
        try (Connection d = TestPostgres.direct(); Statement s = d.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE usename = '" + user
                     + "' AND state = 'active'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long millis(Future<?> f, Runnable... unused) throws Exception {
        return ((Run) f.get(30, TimeUnit.SECONDS)).millis();
    }

    @Test
    void theThirdStatementWaitsIsToldWhyOnceAndRunsWhenASlotFrees() throws Exception {
        start(Duration.ofSeconds(30), Duration.ofMinutes(5));
        Connection a = learner();
        Connection b = learner();
        Connection c = connect(LEARNER, true);
        Future<Run> first = run(a, "SELECT pg_sleep(2)");
        Future<Run> second = run(b, "SELECT pg_sleep(2)");
        await("two statements run", () -> slots().running(LEARNER) == 2);
        Future<Run> third = run(c, "SELECT pg_sleep(2)");
        await("the third waits", () -> slots().waiting(LEARNER) == 1);
        Thread.sleep(500);
        assertThat(activeBackends(LEARNER)).as("PostgreSQL runs only two of the learner's statements").isEqualTo(2);

        long otherStart = System.nanoTime();
        try (Statement s = connect(OTHER, false).createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
        }
        assertThat((System.nanoTime() - otherStart) / 1_000_000).as("another learner is not held").isLessThan(1000);

        assertThat(first.get(30, TimeUnit.SECONDS).millis()).isBetween(1900L, 3500L);
        assertThat(second.get(30, TimeUnit.SECONDS).millis()).isBetween(1900L, 3500L);
        Run waited = third.get(30, TimeUnit.SECONDS);
        assertThat(waited.millis()).as("it waited for a slot, then ran").isGreaterThan(3500L);
        assertThat(waited.warnings()).as("one notice, in words a learner understands").hasSize(1);
        assertThat(waited.warnings().get(0)).contains("your statement waits", "already have 2 statements running",
                "other tabs or windows");
    }

    @Test
    void theExemptTeacherNeverWaits() throws Exception {
        start(Duration.ofSeconds(30), Duration.ofMinutes(5));
        List<Future<Run>> runs = new ArrayList<>();
        for (int i = 0; i < 2 * MAX + 1; i++) runs.add(run(connect("teacher", false), "SELECT pg_sleep(1.5)"));
        for (Future<Run> r : runs) {
            Run done = r.get(30, TimeUnit.SECONDS);
            assertThat(done.millis()).isLessThan(2800L);
            assertThat(done.warnings()).isEmpty();
        }
    }

    @Test
    void aCancelRequestEndsAWaitWith57014AndCancelsNothingElse() throws Exception {
        start(Duration.ofSeconds(30), Duration.ofMinutes(5));
        Connection a = learner();
        Connection b = learner();
        List<Connection> cancelled = List.of(learner(), connect(LEARNER, true));
        Future<Run> first = run(a, "SELECT pg_sleep(5)");
        Future<Run> second = run(b, "SELECT pg_sleep(5)");
        await("two statements run", () -> slots().running(LEARNER) == 2);
        for (Connection c : cancelled) {
            Statement waiting = c.createStatement();
            Future<Boolean> third = pool.submit(() -> waiting.execute("SELECT pg_sleep(3)"));
            await("the third waits", () -> slots().waiting(LEARNER) == 1);
            long t0 = System.nanoTime();
            waiting.cancel(); // JDBC's CancelRequest, on a connection of its own
            assertThatThrownBy(() -> third.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e.getCause()).getSQLState()).isEqualTo("57014"));
            assertThat((System.nanoTime() - t0) / 1_000_000).as("the wait ends at once").isLessThan(1500);
            assertThat(slots().waiting(LEARNER)).isZero();
        }
        assertThat(millis(first)).as("the running statements were not cancelled").isGreaterThan(4900L);
        assertThat(millis(second)).isGreaterThan(4900L);
        for (Connection c : cancelled) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 42")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the session goes on").isEqualTo(42);
            }
        }
    }

    /** pgAdmin's Stop button: SELECT pg_cancel_backend(pid) on another connection of the same learner. */
    @Test
    void pgAdminsStopEndsAWaitAndItselfNeverWaits() throws Exception {
        start(Duration.ofSeconds(30), Duration.ofMinutes(5));
        Connection c = learner();
        int pid;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            pid = rs.getInt(1);
        }
        Connection stop = connect(LEARNER, true);
        Future<Run> first = run(learner(), "SELECT pg_sleep(3)");
        Future<Run> second = run(learner(), "SELECT pg_sleep(3)");
        await("two statements run", () -> slots().running(LEARNER) == 2);
        Future<Run> third = run(c, "SELECT pg_sleep(3)");
        await("the third waits", () -> slots().waiting(LEARNER) == 1);
        long t0 = System.nanoTime();
        try (Statement s = stop.createStatement()) {
            s.execute("SELECT pg_cancel_backend(" + pid + ");");
        }
        assertThat((System.nanoTime() - t0) / 1_000_000).as("the Stop does not wait for a slot").isLessThan(1500);
        assertThatThrownBy(() -> third.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e.getCause()).getSQLState()).isEqualTo("57014"));
        assertThat(millis(first)).isGreaterThan(2900L);
        assertThat(millis(second)).isGreaterThan(2900L);
    }

    @Test
    void aSessionKilledWhileWaitingOrRunningGivesItsSlotBack() throws Exception {
        start(Duration.ofSeconds(30), Duration.ofMinutes(5));
        Connection a = learner();
        Connection b = learner();
        Connection c = learner();
        run(a, "SELECT pg_sleep(20)");
        Future<Run> second = run(b, "SELECT pg_sleep(20)");
        await("two statements run", () -> slots().running(LEARNER) == 2);
        run(c, "SELECT pg_sleep(20)");
        await("the third waits", () -> slots().waiting(LEARNER) == 1);
        c.abort(pool); // the socket closes under the waiting statement
        await("the waiting session is gone", () -> slots().waiting(LEARNER) == 0);
        a.abort(pool); // and under a running one
        await("its slot is free", () -> slots().running(LEARNER) == 1);
        long t0 = System.nanoTime();
        try (Statement s = learner().createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
        }
        assertThat((System.nanoTime() - t0) / 1_000_000).as("a fourth statement runs at once").isLessThan(1500);
        b.abort(pool);
        assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(SQLException.class);
    }

    /** A statement must not wait forever: as long as one statement may run, then a clear 57014; the session goes on. */
    @Test
    void aWaitLongerThanTheStatementTimeLimitEndsWithAClearError() throws Exception {
        start(Duration.ofSeconds(2), Duration.ofMinutes(5));
        // n statements in one Query get n times the limit: these run 3.6 s of their 6 s, longer than one limit.
        String three = "SELECT pg_sleep(1.2); SELECT pg_sleep(1.2); SELECT pg_sleep(1.2)";
        Future<Run> first = run(connect(LEARNER, true), three);
        Future<Run> second = run(connect(LEARNER, true), three);
        await("two statements run", () -> slots().running(LEARNER) == 2);
        Connection c = learner();
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> c.createStatement().execute("SELECT 1")).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"))
                .hasMessageContaining("your statement did not start");
        assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(1900L, 3400L);
        first.get(30, TimeUnit.SECONDS);
        second.get(30, TimeUnit.SECONDS);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 7")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(7);
        }
    }

    /**
     * Waiting is not idling: an open transaction that waits longer than the idle limit is not rolled back (in a
     * transaction a statement waits at most twice the idle limit, less than PostgreSQL's own idle timeout).
     */
    @Test
    void aTransactionThatWaitsIsNotIdle() throws Exception {
        start(Duration.ofSeconds(10), Duration.ofSeconds(2));
        Connection c = connect(LEARNER, true);
        Future<Run> first = run(learner(), "SELECT pg_sleep(4)");
        Future<Run> second = run(learner(), "SELECT pg_sleep(4)");
        await("two statements run", () -> slots().running(LEARNER) == 2);
        try (Statement s = c.createStatement()) {
            // Transaction control and settings cost nothing: they never wait, even now.
            long t0 = System.nanoTime();
            s.execute("BEGIN");
            s.execute("SET LOCAL application_name = 'waited'");
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1000);
            long waitStart = System.nanoTime();
            try (ResultSet rs = s.executeQuery("SELECT current_setting('application_name')")) {
                assertThat((System.nanoTime() - waitStart) / 1_000_000).as("it waited longer than the idle limit")
                        .isGreaterThan(2000L);
                rs.next();
                assertThat(rs.getString(1)).as("the same transaction, after a wait longer than the idle limit")
                        .isEqualTo("waited");
            }
            s.execute("COMMIT");
        }
        first.get(30, TimeUnit.SECONDS);
        second.get(30, TimeUnit.SECONDS);
    }

    /** A random mix of statements, cancels and dropped connections ends with every slot given back. */
    @Test
    void aRandomMixOfStatementsCancelsAndDisconnectsLeaksNoSlot() throws Exception {
        start(Duration.ofSeconds(3), Duration.ofSeconds(5));
        java.util.Random seeds = new java.util.Random();
        long seed = seeds.nextLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        List<Future<Integer>> workers = new ArrayList<>();
        java.util.concurrent.ScheduledExecutorService canceller = Executors.newScheduledThreadPool(2);
        try {
            for (int w = 0; w < 6; w++) {
                java.util.Random random = new java.util.Random(seed + w);
                workers.add(pool.submit(() -> {
                    int statements = 0;
                    Connection c = connect(LEARNER, random.nextBoolean());
                    while (System.nanoTime() < end) {
                        int action = random.nextInt(10);
                        if (action == 0) { // the connection drops, maybe in the middle of a statement
                            Connection gone = c;
                            canceller.schedule(() -> {
                                gone.abort(Runnable::run);
                                return null;
                            }, random.nextInt(300),
                                    TimeUnit.MILLISECONDS);
                            try (Statement s = gone.createStatement()) {
                                s.execute("SELECT pg_sleep(0.5)");
                            } catch (SQLException expected) {
                                // cut off: that is the point
                            }
                            c = connect(LEARNER, random.nextBoolean());
                            continue;
                        }
                        try (Statement s = c.createStatement()) {
                            if (action <= 3) canceller.schedule(() -> {
                                s.cancel();
                                return null;
                            }, random.nextInt(400), TimeUnit.MILLISECONDS);
                            s.execute(action == 4 ? "BEGIN; SELECT pg_sleep(0.2); COMMIT"
                                    : "SELECT pg_sleep(" + random.nextInt(300) / 1000.0 + ")");
                            statements++;
                        } catch (SQLException e) {
                            if (c.isClosed()) c = connect(LEARNER, random.nextBoolean());
                            else if (!"57014".equals(e.getSQLState()) && !"25P02".equals(e.getSQLState())) throw e;
                            if (!c.getAutoCommit() || "25P02".equals(e.getSQLState())) c.rollback();
                        }
                    }
                    c.close();
                    return statements;
                }));
            }
            int done = 0;
            for (Future<Integer> f : workers) done += f.get(60, TimeUnit.SECONDS);
            assertThat(done).as("statements ran (seed %d)", seed).isGreaterThan(10);
        } finally {
            canceller.shutdownNow();
        }
        RunningStatements r = slots();
        await("every slot is given back (seed " + seed + ")",
                () -> r.running(LEARNER) == 0 && r.waiting(LEARNER) == 0 && r.users() == 0);
    }

    /** The database's fair-share settings (db/FairShareSettings) cannot be lifted from a guarded session. */
    @Test
    void aLearnerCannotLiftTheDatabasesFairShareSettings() throws Exception {
        start(Duration.ofSeconds(30), Duration.ofMinutes(5));
        Connection c = learner();
        for (String sql : new String[] {"SET max_parallel_workers_per_gather = 8", "SET jit = on",
                "SET work_mem = '1GB'", "SET hash_mem_multiplier = 8", "SET temp_file_limit = -1",
                "SELECT set_config('max_parallel_workers_per_gather', '8', false)"}) {
            assertThatThrownBy(() -> c.createStatement().execute(sql)).as(sql).isInstanceOf(SQLException.class)
                    .hasMessageContaining("pgaw");
        }
    }
}
