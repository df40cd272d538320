package org.pgaw.proxy.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pgaw.proxy.ProxyServer;
import org.pgaw.proxy.config.GuardConfig;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.config.LimitsConfig;
import org.pgaw.proxy.config.ProxyConfig;
import org.pgaw.proxy.config.ServerTlsConfig;
import org.pgaw.proxy.testing.PasswordRoles;
import org.pgaw.proxy.testing.TestPostgres;
import org.pgaw.proxy.testing.WireClient;

/**
 * Before a client has proved who it is, the proxy holds no more for it than PostgreSQL would: authentication
 * replies of at most PG_MAX_AUTH_TOKEN_LENGTH, nothing else (issue 11: twelve TLS connections that never logged in
 * each sent a 64 MiB Query and the proxy's RSS grew by 1 GB). Against a real PostgreSQL whose role {@code it_scram}
 * needs a password, so these sessions stay unauthenticated.
 */
class PreAuthenticationTest {
    private static final int MIB = 1 << 20;
    private static final int ATTACKERS = 12;
    private static final long ATTACK = 64L * MIB;
    /** Twelve connections may hold their bounded auth messages, TLS records and read buffers; not 64 MiB each. */
    private static final long MEMORY_BOUND = 32L * MIB;

    private ProxyServer proxy;

    private ProxyServer proxy(LimitsConfig limits) {
        proxy = ProxyServer.start(ProxyConfig.defaults().withTls(ServerTlsConfig.defaults()).withAdmin(null)
                .withListen(new HostPort("127.0.0.1", 0)).withBackend(TestPostgres.address()).withLimits(limits)
                .withGuard(GuardConfig.defaults()));
        return proxy;
    }

    @AfterEach
    void stop() {
        if (proxy != null) proxy.close();
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void twelveConnectionsThatNeverLogInEachSend64MiBAndGetFatal08P01WhileTheProxyHoldsNoneOfIt(boolean tls)
            throws Exception {
        proxy(LimitsConfig.defaults());
        long before = ProxyMemory.used();
        List<RawConnection> attackers = new ArrayList<>();
        ExecutorService writers = Executors.newFixedThreadPool(ATTACKERS);
        try (ProxyMemory.Sampler memory = ProxyMemory.sample()) {
            List<Future<Long>> written = new ArrayList<>();
            for (int i = 0; i < ATTACKERS; i++) {
                RawConnection c = RawConnection.open(proxy.address(), tls);
                attackers.add(c);
                c.send(WireClient.startup(PasswordRoles.SCRAM_USER, "postgres"));
                assertThat(c.read().tag()).as("the backend asks for the password").isEqualTo('R');
                written.add(writers.submit(() -> sendHuge(c.output(), 'Q', ATTACK)));
            }
            assertThat(loginAndSelectOne(tls)).as("a learner with the password, during the attack").isEqualTo(1);
            for (RawConnection c : attackers) {
                WireClient.Message m = c.read();
                assertThat(m.tag()).isEqualTo('E');
                assertThat(m.fields()).containsEntry('S', "FATAL").containsEntry('C', "08P01");
                assertThat(m.fields().get('M')).contains("expected an authentication reply", "'Q'");
                assertThat(c.closedWithin(6_000)).isTrue();
            }
            for (Future<Long> w : written) {
                assertThat(w.get(30, TimeUnit.SECONDS)).as("bytes the attacker got to send before the close")
                        .isLessThan(ATTACK);
            }
            memory.close();
            long grew = memory.peak() - before;
            System.out.printf("pre-auth attack tls=%s: proxy buffer memory %d KiB before, peak +%d KiB%n",
                    tls, before >> 10, grew >> 10);
            assertThat(grew).as("proxy buffer memory growth during the attack").isLessThan(MEMORY_BOUND);
        } finally {
            writers.shutdownNow();
            for (RawConnection c : attackers) c.close();
        }
        assertThat(loginAndSelectOne(tls)).as("a learner with the password, after the attack").isEqualTo(1);
    }

    @Test
    void anAuthenticationReplyUpToPostgresqlsOwnBoundReachesTheServerAndOneByteMoreIsRefused() throws Exception {
        proxy(LimitsConfig.defaults());
        try (RawConnection c = RawConnection.open(proxy.address(), false)) {
            c.send(WireClient.startup(PasswordRoles.SCRAM_USER, "postgres"));
            assertThat(c.read().tag()).isEqualTo('R');
            c.send(passwordMessage(65_535)); // PG_MAX_AUTH_TOKEN_LENGTH: PostgreSQL itself reads and judges it
            WireClient.Message m = c.read();
            assertThat(m.fields().get('M')).as("PostgreSQL's own answer, not the proxy's").doesNotContain("pgaw");
        }
        try (RawConnection c = RawConnection.open(proxy.address(), false)) {
            c.send(WireClient.startup(PasswordRoles.SCRAM_USER, "postgres"));
            assertThat(c.read().tag()).isEqualTo('R');
            c.send(RawConnection.header('p', 65_536));
            WireClient.Message m = c.read();
            assertThat(m.fields()).containsEntry('S', "FATAL").containsEntry('C', "08P01");
            assertThat(m.fields().get('M')).contains("65541 bytes", "65540 bytes");
            assertThat(c.closedWithin(6_000)).isTrue();
        }
    }

    @Test
    void aQueryPipelinedBehindTheStartupMessageIsRefusedBeforeItIsRead() throws Exception {
        proxy(LimitsConfig.defaults());
        try (RawConnection c = RawConnection.open(proxy.address(), false)) {
            c.send(WireClient.concat(WireClient.startup(PasswordRoles.SCRAM_USER, "postgres"),
                    RawConnection.header('Q', 100L * MIB)));
            WireClient.Message m;
            do {
                m = c.read();
            } while (m.tag() == 'R');
            assertThat(m.fields()).containsEntry('S', "FATAL").containsEntry('C', "08P01");
            assertThat(c.closedWithin(6_000)).isTrue();
        }
    }

    @Test
    void oneAddressMayHoldOnlySoManyConnectionsThatHaveNotLoggedIn() throws Exception {
        proxy(LimitsConfig.defaults().withInputBounds(3, LimitsConfig.DEFAULT_MAX_STATEMENT_BYTES));
        List<RawConnection> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) silent.add(RawConnection.open(proxy.address(), false));
            awaitSessions(3); // accepted on the proxy's event loops, in whatever order: wait until all three count
            try (RawConnection fourth = RawConnection.open(proxy.address(), false)) {
                fourth.send(WireClient.startup("postgres", "postgres"));
                WireClient.Message m = fourth.read();
                assertThat(m.fields()).containsEntry('S', "FATAL").containsEntry('C', "53300");
                assertThat(m.fields().get('M')).contains("still logging in", "at most 3");
            }
            silent.remove(0).close();
            Thread.sleep(200); // the proxy notices the close on its event loop
            assertThat(loginAndSelectOne(false)).as("a place freed by a close").isEqualTo(1);
        } finally {
            for (RawConnection c : silent) c.close();
        }
        // Logged-in sessions do not count: three of them and a fourth login.
        List<Connection> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) sessions.add(connect("postgres", null, false));
            assertThat(loginAndSelectOne(false)).isEqualTo(1);
        } finally {
            for (Connection c : sessions) c.close();
        }
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void theStartupClockCoversTheTlsHandshakeAndAuthentication(boolean tls) throws Exception {
        LimitsConfig d = LimitsConfig.defaults();
        proxy(new LimitsConfig(d.maxConnections(), d.maxConnectionsPerIp(), Duration.ofSeconds(1), d.maxFrontendMessage(),
                d.backendConnectTimeout(), Duration.ofSeconds(1), d.writeBufferLow(), d.writeBufferHigh()));
        try (RawConnection c = RawConnection.open(proxy.address(), tls)) {
            long t0 = System.nanoTime();
            assertThat(c.closedWithin(5_000)).as("silent after the handshake").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(3_000));
        }
        try (RawConnection c = RawConnection.open(proxy.address(), tls)) {
            long t0 = System.nanoTime();
            c.send(WireClient.startup(PasswordRoles.SCRAM_USER, "postgres"));
            assertThat(c.read().tag()).isEqualTo('R');
            WireClient.Message m = c.read(); // never answers the password request
            assertThat(m.fields()).containsEntry('S', "FATAL");
            assertThat(m.fields().get('M')).contains("not set up within 1 s");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(3_000));
        }
    }

    private void awaitSessions(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (proxy.context().sessions().size() < n && System.nanoTime() < deadline) Thread.sleep(10);
        assertThat(proxy.context().sessions()).hasSize(n);
    }

    /** Writes a header claiming {@code length} body bytes, then the body, until the proxy stops taking it. */
    private static long sendHuge(OutputStream out, char tag, long length) {
        long sent = 0;
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        try {
            out.write(RawConnection.header(tag, length));
            while (sent < length) {
                int n = (int) Math.min(chunk.length, length - sent);
                out.write(chunk, 0, n);
                sent += n;
            }
            out.flush();
        } catch (IOException e) {
            // the proxy closed: what matters is how much it took before that
        }
        return sent;
    }

    private static byte[] passwordMessage(int bodyLength) {
        byte[] m = new byte[5 + bodyLength];
        java.nio.ByteBuffer.wrap(m).put((byte) 'p').putInt(bodyLength + 4);
        java.util.Arrays.fill(m, 5, m.length - 1, (byte) 'x');
        return m;
    }

    private int loginAndSelectOne(boolean tls) throws SQLException {
        try (Connection c = connect(PasswordRoles.SCRAM_USER, PasswordRoles.scramPassword(), tls);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private Connection connect(String user, String password, boolean tls) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) p.setProperty("password", password);
        p.setProperty("sslmode", tls ? "require" : "disable");
        p.setProperty("connectTimeout", "10");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.address().getPort() + "/postgres", p);
    }
}
