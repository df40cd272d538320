package org.pgaw.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pgaw.proxy.testing.BackendMessages.message;
import static org.pgaw.proxy.testing.WireClient.concat;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pgaw.proxy.ProxyServer;
import org.pgaw.proxy.config.GuardConfig;
import org.pgaw.proxy.config.GuardConfig.BudgetMode;
import org.pgaw.proxy.config.GuardConfig.GuardLimits;
import org.pgaw.proxy.config.GuardConfig.GuardPolicy;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.config.ProxyConfig;
import org.pgaw.proxy.testing.TestPostgres;
import org.pgaw.proxy.testing.WireClient;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** The guards as a learner meets them, through the proxy, against a real PostgreSQL 17, with pgjdbc. */
class GuardedSessionTest {
    private static final long BUDGET = 1 << 20;
    private static ProxyServer proxy;

    @BeforeAll
    static void start() {
        TestPostgres.exec("DO $$ BEGIN CREATE ROLE teacher LOGIN SUPERUSER; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        TestPostgres.exec("DO $$ BEGIN CREATE ROLE strict_learner LOGIN SUPERUSER; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        GuardLimits limits = new GuardLimits(1000, BUDGET, BudgetMode.TRUNCATE, Duration.ofSeconds(2),
                Duration.ofMillis(1500), Duration.ZERO);
        GuardPolicy errorMode = new GuardPolicy("strict_*", null, null,
                new GuardLimits(null, null, BudgetMode.ERROR, null, null, null));
        proxy = ProxyServer.start(ProxyConfig.defaults().withTls(null).withAdmin(null)
                .withListen(new HostPort("127.0.0.1", 0)).withBackend(TestPostgres.address())
                .withGuard(new GuardConfig(true, limits, List.of(errorMode), List.of("teacher"))));
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    private static Connection connect(String user) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("sslmode", "disable");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.address().getPort() + "/postgres", p);
    }

    private static int count(ResultSet rs) throws SQLException {
        int n = 0;
        while (rs.next()) n++;
        return n;
    }

    private static List<String> warnings(Statement s) throws SQLException {
        List<String> out = new ArrayList<>();
        for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) out.add(w.getMessage());
        return out;
    }

    @Test
    void aCrossJoinReturnsTheCappedRowsANoticeAndLeavesTheBackendIdle() throws Exception {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            long t0 = System.nanoTime();
            ResultSet rs = s.executeQuery("SELECT * FROM generate_series(1,1e5) a, generate_series(1,1e5) b");
            assertThat(count(rs)).isEqualTo(1000);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            assertThat(warnings(s)).anySatisfy(w -> assertThat(w).contains("pgaw: showing the first 1000 rows"));
            try (ResultSet st = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                    + " AND query LIKE '%generate_series(1,1e5)%' AND pid <> pg_backend_pid()")) {
                st.next();
                assertThat(st.getInt(1)).as("no cross join still running").isZero();
            }
        }
    }

    @Test
    void aSmallerLimitIsUntouchedAndGetsNoNotice() throws Exception {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            assertThat(count(s.executeQuery("SELECT * FROM generate_series(1,5000) LIMIT 10"))).isEqualTo(10);
            assertThat(warnings(s)).isEmpty();
            assertThat(count(s.executeQuery("SELECT * FROM generate_series(1,1000)"))).isEqualTo(1000);
            assertThat(warnings(s)).as("exactly max_rows rows: nothing was cut").isEmpty();
        }
    }

    @Test
    void preparedStatementsAndPortalSuspensionAreCappedToo() throws Exception {
        try (Connection c = connect("postgres")) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT g FROM generate_series(1, ?) g")) {
                ps.setInt(1, 5000);
                ps.setFetchSize(100);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(count(rs)).isEqualTo(1000);
                }
            }
            c.commit();
        }
    }

    @Test
    void pgAdminsServerCursorModeIsCappedAcrossFetches() throws Exception {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("DECLARE \"CURSOR:CONN:42\" SCROLL CURSOR FOR SELECT * FROM generate_series(1, 5000)");
            assertThat(count(s.executeQuery("FETCH FORWARD 600 FROM \"CURSOR:CONN:42\""))).isEqualTo(600);
            assertThat(warnings(s)).isEmpty();
            assertThat(count(s.executeQuery("FETCH FORWARD 600 FROM \"CURSOR:CONN:42\""))).isEqualTo(400);
            assertThat(warnings(s)).anySatisfy(w -> assertThat(w).contains("cursor returns only its first 1000 rows"));
            assertThat(count(s.executeQuery("FETCH FORWARD 600 FROM \"CURSOR:CONN:42\""))).isZero();
            c.commit();
        }
    }

    @Test
    void wideRowsAreCutAtTheByteBudgetAndTheSessionGoesOn() throws Exception {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            int rows = count(s.executeQuery("SELECT repeat('x', 100000) FROM generate_series(1,50)"));
            assertThat(rows).isBetween(9, 11);
            assertThat(warnings(s)).anySatisfy(w -> assertThat(w).contains("pgaw: result stopped after 1 MB"));
            assertThat(count(s.executeQuery("SELECT 1"))).isEqualTo(1);
        }
    }

    @Test
    void theBudgetNeverBreaksTheLearnersTransaction() throws Exception {
        try (Connection c = connect("postgres")) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                // A cursor lives as long as its transaction: still readable after the cut = the transaction is intact.
                s.execute("DECLARE kept CURSOR FOR SELECT g FROM generate_series(1, 3) g");
                assertThat(count(s.executeQuery("FETCH 1 FROM kept"))).isEqualTo(1);
                assertThat(count(s.executeQuery("SELECT repeat('x', 100000) FROM generate_series(1,50)")))
                        .isLessThan(50);
                try (ResultSet rs = s.executeQuery("FETCH 1 FROM kept")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(2);
                }
            }
            c.commit();
        }
    }

    @Test
    void aSingleValueLargerThanTheBudgetIsCutWithoutBeingHeld() throws Exception {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            assertThat(count(s.executeQuery("SELECT repeat('y', 20000000)"))).isZero();
            assertThat(warnings(s)).anySatisfy(w -> assertThat(w).contains("pgaw: result stopped after"));
            assertThat(count(s.executeQuery("SELECT 2"))).isEqualTo(1);
        }
    }

    @Test
    void copyToStdoutCountsAgainstTheBudget() throws Exception {
        try (Connection c = connect("postgres")) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long rows = copy.copyOut("COPY (SELECT repeat('x', 1000) FROM generate_series(1, 100000)) TO STDOUT", out);
            assertThat((long) out.size()).isLessThanOrEqualTo(BUDGET);
            assertThat(rows).isLessThan(100_000);
            try (Statement s = c.createStatement()) {
                assertThat(count(s.executeQuery("SELECT 3"))).isEqualTo(1);
            }
        }
    }

    @Test
    void errorModeAnswers54000() throws Exception {
        try (Connection c = connect("strict_learner"); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> count(s.executeQuery("SELECT repeat('x', 100000) FROM generate_series(1,50)")))
                    .isInstanceOf(SQLException.class).satisfies(e ->
                            assertThat(((SQLException) e).getSQLState()).isEqualTo("54000"));
            assertThat(count(s.executeQuery("SELECT 4"))).isEqualTo(1);
        }
    }

    @Test
    void theStatementTimeoutCancelsAndCannotBeLiftedWithSet() throws Exception {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("SET statement_timeout = 0")).as("the learner cannot lift the timer")
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> s.execute("SELECT pg_sleep(30)"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(6));
            assertThat(count(s.executeQuery("SELECT 5"))).as("the next statement is not hit by the cancel")
                    .isEqualTo(1);
        }
    }

    @Test
    void anIdleTransactionIsRolledBackAndTheSessionGoesOn() throws Exception {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("DECLARE idle_work CURSOR FOR SELECT 1");
            Thread.sleep(2500);
            assertThatThrownBy(() -> s.execute("SELECT 1")).isInstanceOf(SQLException.class).satisfies(e -> {
                assertThat(((SQLException) e).getSQLState()).isEqualTo("25P03");
                assertThat(e.getMessage()).contains("transaction was left open", "rolled back");
            });
            c.rollback();
            assertThatThrownBy(() -> s.executeQuery("FETCH 1 FROM idle_work"))
                    .as("the cursor went with the rolled-back transaction").isInstanceOf(SQLException.class);
            c.rollback();
            assertThat(count(s.executeQuery("SELECT 6"))).isEqualTo(1);
        }
    }

    @Test
    void theExemptTeacherSeesEverything() throws Exception {
        try (Connection c = connect("teacher"); Statement s = c.createStatement()) {
            assertThat(count(s.executeQuery("SELECT * FROM generate_series(1,5000)"))).isEqualTo(5000);
        }
    }

    /**
     * A pipeline whose messages repeat a kind (two Binds, two Executes, two Syncs in one write): the guards must
     * count each, or the second portal's rows escape the cap and the replies pair with the wrong requests.
     */
    @Test
    void pipelinedMessagesOfOneKindAreEachCounted() throws Exception {
        try (WireClient c = new WireClient(proxy.address())) {
            c.send(WireClient.startup("postgres", "postgres"));
            c.readUntilReady();
            byte[] parse = message('P', concat(cstrings("", "SELECT g FROM generate_series(1, 5000) g"), new byte[2]));
            c.send(concat(parse, bind("p1"), bind("p2"), execute("p1"), execute("p2"), message('S', new byte[0]),
                    message('S', new byte[0])));
            String reply = c.readUntilReady();
            assertThat(reply.chars().filter(t -> t == 'D').count()).as("rows of two capped portals").isEqualTo(2000);
            assertThat(reply.replace("D", "")).isEqualTo("122NCNCZ");
            assertThat(c.readUntilReady()).as("the second Sync's own ReadyForQuery").isEqualTo("Z");
            c.send(WireClient.query("SELECT 1"));
            assertThat(c.readUntilReady()).isEqualTo("TDCZ");
        }
    }

    /** Bind: the portal, the unnamed statement, no parameters, no result formats. */
    private static byte[] bind(String portal) {
        return message('B', concat(cstrings(portal, ""), new byte[6]));
    }

    /** Execute: the portal, no row limit. */
    private static byte[] execute(String portal) {
        return message('E', concat(cstrings(portal), new byte[4]));
    }

    private static byte[] cstrings(String... strings) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String str : strings) {
            b.writeBytes(str.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            b.write(0);
        }
        return b.toByteArray();
    }
}
