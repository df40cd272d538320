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
import org.pgaw.proxy.testing.TestPostgres;

/**
 * limits.max_long_statements against a real PostgreSQL and pgjdbc, with one place and a threshold of 0.5 s: a
 * second learner's long statement is stopped with a message saying why, that learner's next statements wait for
 * the place (told why) while a third learner's short ones and the exempt teacher never wait, a waiting statement
 * ends at once on a cancel, and every place and queue entry is given back.
 */
class LongStatementPlacesTest {
    private static final Duration AFTER = Duration.ofMillis(500);
    private ProxyServer proxy;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<Connection> open = new ArrayList<>();

    @BeforeAll
    static void roles() {
        for (String role : List.of("long_a", "long_b", "long_c")) {
            TestPostgres.exec("DO $$ BEGIN CREATE ROLE " + role + " LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        }
        TestPostgres.exec("DO $$ BEGIN CREATE ROLE teacher LOGIN SUPERUSER; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (Connection c : open) c.close();
        pool.shutdownNow();
        if (proxy != null) {
            LongStatements longs = proxy.context().longStatements();
            await("every place is given back", () -> longs.taken() == 0 && longs.waiting() == 0);
            await("every slot is given back", () -> proxy.context().runningStatements().users() == 0);
            proxy.close();
        }
    }

    private void start() {
        GuardLimits limits = new GuardLimits(1000, 64L << 20, BudgetMode.TRUNCATE, Duration.ofSeconds(30),
                Duration.ofMinutes(5), Duration.ZERO);
        proxy = ProxyServer.start(ProxyConfig.defaults().withTls(null).withAdmin(null)
                .withListen(new HostPort("127.0.0.1", 0)).withBackend(TestPostgres.address())
                .withLimits(LimitsConfig.defaults().withLongStatements(1, AFTER))
                .withGuard(new GuardConfig(true, limits, List.of(), List.of("teacher"))));
    }

    private Connection connect(String user) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("sslmode", "disable");
        Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.address().getPort() + "/postgres", p);
        open.add(c);
        return c;
    }

    private record Run(long millis, List<String> warnings) { }

    private Future<Run> run(Connection c, String sql) {
        return pool.submit(() -> {
            long t0 = System.nanoTime();
            try (Statement s = c.createStatement()) {
                s.execute(sql);
                List<String> warnings = new ArrayList<>();
                for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) warnings.add(w.getMessage());
                return new Run((System.nanoTime() - t0) / 1_000_000, warnings);
            }
        });
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("not within 10 s: " + what);
            Thread.sleep(20);
        }
    }

    private LongStatements longs() {
        return proxy.context().longStatements();
    }

    /** Makes long_b heavy: its long statement is stopped while long_a's holds the only place. */
    private Future<Run> holdThePlaceAndStopAnother(String holder) throws Exception {
        Future<Run> holding = run(connect("long_a"), holder);
        await("long_a's statement holds the place", () -> longs().taken() == 1);
        Connection b = connect("long_b");
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> run(b, "SELECT pg_sleep(20)").get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(SQLException.class)
                .satisfies(e -> {
                    SQLException sql = (SQLException) e.getCause();
                    assertThat(sql.getSQLState()).isEqualTo("57014");
                    assertThat(sql.getMessage()).contains("pgaw: your statement was stopped after 0.5 s",
                            "at most 1 statement", "other learners' are running now", "run it again");
                });
        assertThat((System.nanoTime() - t0) / 1_000_000).as("stopped at the threshold, not the time limit")
                .isBetween(400L, 3000L);
        return holding;
    }

    @Test
    void aLongStatementWithoutAPlaceIsStoppedAndItsLearnerWaitsForTheNextOne() throws Exception {
        start();
        Future<Run> holder = holdThePlaceAndStopAnother("SELECT pg_sleep(4)");

        long t0 = System.nanoTime();
        try (Statement s = connect("long_c").createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
            assertThat((Object) s.getWarnings()).as("another learner's short statement is not held").isNull();
        }
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1000L);
        Future<Run> teacher = run(connect("teacher"), "SELECT pg_sleep(1)");
        assertThat(teacher.get(10, TimeUnit.SECONDS).warnings()).as("the exempt teacher is never held").isEmpty();

        Future<Run> next = run(connect("long_b"), "SELECT 2");
        await("long_b's next statement waits for the place", () -> longs().waiting() == 1);
        assertThat(holder.isDone()).isFalse();
        Run waited = next.get(15, TimeUnit.SECONDS);
        assertThat(holder.get(1, TimeUnit.SECONDS).millis()).as("the holder ran to its end").isGreaterThan(3900L);
        assertThat(waited.warnings()).as("told once why it waits").hasSize(1);
        assertThat(waited.warnings().get(0)).contains("your statement waits for its turn",
                "a statement of yours was stopped", "1 place for statements longer than 0.5 s");
    }

    @Test
    void aWaitForAPlaceEndsAtOnceOnACancelAndGivesEverythingBack() throws Exception {
        start();
        Future<Run> holder = holdThePlaceAndStopAnother("SELECT pg_sleep(6)");
        Statement waiting = connect("long_b").createStatement();
        Future<Boolean> next = pool.submit(() -> waiting.execute("SELECT 3"));
        await("it waits for the place", () -> longs().waiting() == 1);
        long t0 = System.nanoTime();
        waiting.cancel();
        assertThatThrownBy(() -> next.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e.getCause()).getSQLState()).isEqualTo("57014"));
        assertThat((System.nanoTime() - t0) / 1_000_000).as("the wait ends at once").isLessThan(1500L);
        assertThat(longs().waiting()).isZero();
        assertThat(holder.get(15, TimeUnit.SECONDS).millis()).as("the holder was not cancelled").isGreaterThan(5900L);
        assertThat(longs().taken()).isZero();
    }

    @Test
    void theHolderOfAPlaceKeepsItToItsEndIsNotHeldAfterwardsAndAShortStatementNeverTakesOne() throws Exception {
        start();
        Connection a = connect("long_a");
        try (Statement s = a.createStatement()) {
            s.execute("SELECT pg_sleep(0.2)");
        }
        assertThat(longs().taken()).isZero();
        Future<Run> holder = run(a, "SELECT pg_sleep(1.5)");
        await("it crossed the threshold and holds the place", () -> longs().taken() == 1);
        assertThat(holder.get(10, TimeUnit.SECONDS).warnings()).isEmpty();
        assertThat(longs().taken()).isZero();

        Future<Run> other = run(connect("long_c"), "SELECT pg_sleep(3)");
        await("another learner's statement holds the place now", () -> longs().taken() == 1);
        long t0 = System.nanoTime();
        try (Statement s = a.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
            assertThat((Object) s.getWarnings()).as("a long statement that had a place makes nobody wait").isNull();
        }
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1000L);
        assertThat(other.get(10, TimeUnit.SECONDS).warnings()).isEmpty();
    }
}
