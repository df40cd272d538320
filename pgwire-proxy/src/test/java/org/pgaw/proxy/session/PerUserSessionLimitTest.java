package org.pgaw.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pgaw.proxy.ProxyServer;
import org.pgaw.proxy.config.GuardConfig;
import org.pgaw.proxy.config.GuardConfig.GuardLimits;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.config.LimitsConfig;
import org.pgaw.proxy.config.ProxyConfig;
import org.pgaw.proxy.testing.PasswordRoles;
import org.pgaw.proxy.testing.TestPostgres;
import org.pgaw.proxy.testing.WireClient;

/**
 * limits.max_sessions_per_user against a real PostgreSQL: one learner's sessions are limited wherever they come
 * from, the next one gets FATAL 53300 with a clear message; other learners and the exempt teacher are not affected;
 * and a stranger who only names the learner in startup packets (no password) takes none of the learner's slots.
 */
class PerUserSessionLimitTest {
    private static final int PER_USER = 3;
    private static ProxyServer proxy;

    @BeforeAll
    static void start() {
        TestPostgres.exec("DO $$ BEGIN CREATE ROLE teacher LOGIN SUPERUSER; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        LimitsConfig l = LimitsConfig.defaults();
        proxy = ProxyServer.start(ProxyConfig.defaults().withTls(null).withAdmin(null)
                .withListen(new HostPort("127.0.0.1", 0)).withBackend(TestPostgres.address())
                .withLimits(new LimitsConfig(l.maxConnections(), l.maxConnectionsPerIp(), l.startupTimeout(),
                        l.maxFrontendMessage(), l.backendConnectTimeout(), l.shutdownGrace(), l.writeBufferLow(),
                        l.writeBufferHigh(), l.maxUnauthenticatedPerIp(), l.maxStatementBytes(), PER_USER))
                .withGuard(new GuardConfig(true, GuardLimits.defaults(), List.of(), List.of("teacher"))));
    }

    /** The previous test's sessions are released when the proxy sees them close, a moment after close() returns. */
    @BeforeEach
    void previousSessionsAreGone() throws InterruptedException {
        awaitSlot();
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    private static Connection connect(String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) p.setProperty("password", password);
        p.setProperty("sslmode", "disable");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.address().getPort() + "/postgres", p);
    }

    private static Connection learner() throws SQLException {
        return connect(PasswordRoles.SCRAM_USER, PasswordRoles.scramPassword());
    }

    private static void closeAll(List<? extends AutoCloseable> cs) throws Exception {
        for (AutoCloseable c : cs) c.close();
    }

    private static int one(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void theSessionAfterTheLimitIsRefusedAndASlotFreesWhenOneCloses() throws Exception {
        List<Connection> open = new ArrayList<>();
        try {
            for (int i = 0; i < PER_USER; i++) open.add(learner());
            assertThatThrownBy(PerUserSessionLimitTest::learner).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("53300"))
                    .hasMessageContaining("you already have " + PER_USER + " sessions open");
            for (Connection c : open) assertThat(one(c)).as("the sessions within the limit go on").isEqualTo(1);

            open.remove(0).close();
            awaitSlot();
            open.add(learner());
            assertThat(one(open.get(open.size() - 1))).isEqualTo(1);
        } finally {
            closeAll(open);
        }
    }

    @Test
    void otherLearnersAndTheExemptTeacherAreNotCounted() throws Exception {
        List<Connection> open = new ArrayList<>();
        try {
            for (int i = 0; i < PER_USER; i++) open.add(learner());
            for (int i = 0; i < PER_USER; i++) open.add(connect(PasswordRoles.MD5_USER, PasswordRoles.md5Password()));
            for (Connection c : open) assertThat(one(c)).as("the second learner has slots of their own").isEqualTo(1);
            assertThatThrownBy(() -> connect(PasswordRoles.MD5_USER, PasswordRoles.md5Password()).close())
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("53300"));
        } finally {
            closeAll(open);
        }
        awaitSlot();
        open.clear();
        try {
            for (int i = 0; i < PER_USER; i++) open.add(learner());
            for (int i = 0; i < 2 * PER_USER; i++) open.add(connect("teacher", null));
            for (Connection c : open) assertThat(one(c)).isEqualTo(1);
        } finally {
            closeAll(open);
        }
    }

    /** Held startup packets naming the learner, never answering the password request, take none of their slots. */
    @Test
    void aStrangerNamingTheLearnerWithoutThePasswordTakesNoSlot() throws Exception {
        List<WireClient> strangers = new ArrayList<>();
        List<Connection> open = new ArrayList<>();
        try {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", proxy.address().getPort());
            for (int i = 0; i < 2 * PER_USER; i++) {
                WireClient w = new WireClient(address);
                w.send(WireClient.startup(PasswordRoles.SCRAM_USER, "postgres"));
                assertThat(w.read().tag()).as("the backend asks for the password").isEqualTo('R');
                strangers.add(w);
            }
            for (int i = 0; i < 4 * PER_USER; i++) {
                assertThatThrownBy(() -> connect(PasswordRoles.SCRAM_USER, "wrong-password").close())
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
            }
            for (int i = 0; i < PER_USER; i++) open.add(learner());
            for (Connection c : open) assertThat(one(c)).isEqualTo(1);
        } finally {
            closeAll(open);
            closeAll(strangers);
        }
    }

    /** The proxy releases a slot when it sees the close, which may come a moment after the client's close(). */
    private static void awaitSlot() throws InterruptedException {
        Thread.sleep(300);
    }
}
