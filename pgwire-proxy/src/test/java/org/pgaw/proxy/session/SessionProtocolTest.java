package org.pgaw.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgaw.proxy.testing.WireClient.concat;
import static org.pgaw.proxy.testing.WireClient.query;
import static org.pgaw.proxy.testing.WireClient.startup;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pgaw.proxy.ProxyServer;
import org.pgaw.proxy.config.GuardConfig;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.config.LimitsConfig;
import org.pgaw.proxy.config.ProxyConfig;
import org.pgaw.proxy.ops.ProxyMetrics;
import org.pgaw.proxy.testing.TestPostgres;
import org.pgaw.proxy.testing.WireClient;

/** The session against a real PostgreSQL 17, driven byte by byte through the proxy. */
class SessionProtocolTest {
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
    }

    private ProxyServer proxy(UnaryOperator<LimitsConfig> limits) {
        return proxy(TestPostgres.address(), limits);
    }

    private ProxyServer proxy(HostPort backend, UnaryOperator<LimitsConfig> limits) {
        ProxyConfig c = ProxyConfig.defaults().withTls(null).withListen(new HostPort("127.0.0.1", 0))
                .withBackend(backend).withAdmin(null)
                .withGuard(new GuardConfig(false, GuardConfig.GuardLimits.defaults(), List.of(), List.of()))
                .withLimits(limits.apply(LimitsConfig.defaults()));
        ProxyServer p = ProxyServer.start(c);
        open.add(p);
        return p;
    }

    private WireClient client(ProxyServer p) throws IOException {
        WireClient c = new WireClient(p.address());
        open.add(c);
        return c;
    }

    /** Startup as user postgres (trust) up to the first ReadyForQuery; returns the BackendKeyData message. */
    private static WireClient.Message login(WireClient c) throws IOException {
        c.send(startup("postgres", "postgres"));
        WireClient.Message key = null;
        WireClient.Message m;
        do {
            m = c.read();
            assertThat(m.tag()).as("no error during startup").isNotEqualTo('E');
            if (m.tag() == 'K') key = m;
        } while (m.tag() != 'Z');
        return key;
    }

    @Test
    void simpleMultiStatementQueryIsRelayedExactly() throws Exception {
        WireClient c = client(proxy(l -> l));
        login(c);
        c.send(query("SELECT 1 UNION ALL SELECT 2; SELECT 'x'"));
        assertThat(c.readUntilReady()).isEqualTo("TDDCTDCZ");
    }

    @Test
    void clientSeesTheRealBackendPidButNotTheRealSecret() throws Exception {
        WireClient c = client(proxy(l -> l));
        WireClient.Message key = login(c);
        c.send(query("SELECT pg_backend_pid()"));
        WireClient.Message row;
        do {
            row = c.read();
        } while (row.tag() != 'D');
        String pid = new String(row.body(), 6, row.body().length - 6, java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(key.intAt(0)).isEqualTo(Integer.parseInt(pid));
        c.readUntilReady();
    }

    @Test
    void bytesPipelinedAfterSslRequestCloseTheConnection() throws Exception {
        WireClient c = client(proxy(l -> l));
        c.send(concat(WireClient.sslRequest(), startup("postgres", "postgres")));
        assertThat(c.readByte()).as("no answer, just closed").isEqualTo(-1);
    }

    @Test
    void sslRequestWithoutTlsConfiguredIsAnsweredN() throws Exception {
        WireClient c = client(proxy(l -> l));
        c.send(WireClient.sslRequest());
        assertThat(c.readByte()).isEqualTo('N');
        login(c);
    }

    @Test
    void gssEncRequestIsAnsweredNAndStartupContinues() throws Exception {
        WireClient c = client(proxy(l -> l));
        c.send(WireClient.gssEncRequest());
        assertThat(c.readByte()).isEqualTo('N');
        login(c);
    }

    @Test
    void protocol32GetsNegotiateProtocolVersionNotAnError() throws Exception {
        WireClient c = client(proxy(l -> l));
        c.send(startup(3, 2, "user", "postgres", "_pq_.test_option", "on"));
        WireClient.Message v = c.read();
        assertThat(v.tag()).isEqualTo('v');
        assertThat(v.intAt(0)).as("newest minor supported").isZero();
        assertThat(v.intAt(4)).as("unrecognised options").isEqualTo(1);
        assertThat(new String(v.body(), 8, v.body().length - 9)).isEqualTo("_pq_.test_option");
        WireClient.Message m;
        do {
            m = c.read();
        } while (m.tag() != 'Z' && m.tag() != 'E');
        assertThat(m.tag()).isEqualTo('Z');
    }

    @Test
    void garbageInsteadOfAStartupPacketGetsAProtocolViolation() throws Exception {
        WireClient c = client(proxy(l -> l));
        c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        WireClient.Message e = c.read();
        assertThat(e.tag()).isEqualTo('E');
        assertThat(e.fields()).containsEntry('S', "FATAL").containsEntry('C', "08P01");
        assertThat(c.closedWithin(2000)).isTrue();
    }

    @Test
    void slowlorisIsClosedAtTheStartupTimeout() throws Exception {
        WireClient c = client(proxy(l -> new LimitsConfig(l.maxConnections(), l.maxConnectionsPerIp(),
                Duration.ofMillis(800), l.maxFrontendMessage(), l.backendConnectTimeout(), l.shutdownGrace(),
                l.writeBufferLow(), l.writeBufferHigh())));
        c.send(new byte[] {0, 0});
        long t0 = System.nanoTime();
        assertThat(c.closedWithin(5000)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void connectionsPerAddressAreLimitedWithAFatal53300() throws Exception {
        ProxyServer p = proxy(l -> new LimitsConfig(l.maxConnections(), 2, l.startupTimeout(), l.maxFrontendMessage(),
                l.backendConnectTimeout(), l.shutdownGrace(), l.writeBufferLow(), l.writeBufferHigh()));
        login(client(p));
        login(client(p));
        WireClient third = client(p);
        third.send(startup("postgres", "postgres"));
        WireClient.Message e = third.read();
        assertThat(e.fields()).containsEntry('S', "FATAL").containsEntry('C', "53300");
        assertThat(e.fields().get('M')).contains("too many connections from your address");
    }

    @Test
    void oversizedFrontendMessageIsRefused() throws Exception {
        ProxyServer p = proxy(l -> new LimitsConfig(l.maxConnections(), l.maxConnectionsPerIp(), l.startupTimeout(),
                64 * 1024, l.backendConnectTimeout(), l.shutdownGrace(), l.writeBufferLow(), l.writeBufferHigh()));
        WireClient c = client(p);
        login(c);
        c.send(query("SELECT '" + "x".repeat(100_000) + "'"));
        WireClient.Message e = c.read();
        assertThat(e.fields()).containsEntry('S', "FATAL").containsEntry('C', "08P01");
        assertThat(e.fields().get('M')).contains("larger than the limit of 65536 bytes");
    }

    @Test
    void anErrorThatQuotesAHugeValueIsAnErrorNotALostConnection() throws Exception {
        // PostgreSQL quotes the failed input whole: a 3 MB ErrorResponse, which the proxy once refused with FATAL 08006.
        WireClient c = client(proxy(l -> l));
        login(c);
        c.send(query("SELECT repeat('x', 3000000)::int"));
        WireClient.Message e = c.read();
        assertThat(e.fields()).containsEntry('S', "ERROR").containsEntry('C', "22P02");
        assertThat(e.fields().get('M')).hasSizeGreaterThan(3_000_000);
        assertThat(c.read().tag()).isEqualTo('Z');
        c.send(query("SELECT 1"));
        assertThat(c.readUntilReady()).isEqualTo("TDCZ");
    }

    @Test
    void aCancelWithTheWrongSecretDoesNothingAndTheRightOneCancels() throws Exception {
        ProxyServer p = proxy(l -> l);
        WireClient c = client(p);
        WireClient.Message key = login(c);
        int pid = key.intAt(0);
        int secret = key.intAt(4);

        c.send(query("SELECT pg_sleep(1.5)"));
        Thread.sleep(200);
        client(p).send(WireClient.cancelRequest(pid, secret + 1));
        assertThat(c.readUntilReady()).as("not cancelled").isEqualTo("TDCZ");

        c.send(query("SELECT pg_sleep(30)"));
        Thread.sleep(200);
        WireClient canceller = client(p);
        canceller.send(WireClient.cancelRequest(pid, secret));
        assertThat(canceller.closedWithin(2000)).as("cancel socket closed promptly").isTrue();
        WireClient.Message m = c.read();
        while (m.tag() == 'T') m = c.read();
        assertThat(m.tag()).isEqualTo('E');
        assertThat(m.fields()).containsEntry('C', "57014");
        c.readUntilReady();
    }

    /** Each forwarded cancel is a process PostgreSQL forks: a flood of valid CancelRequests forwards one at a time. */
    @Test
    void aFloodOfCancelRequestsForwardsOneAtATime() throws Exception {
        ProxyMetrics metrics = ProxyMetrics.create();
        ProxyConfig c0 = ProxyConfig.defaults().withTls(null).withListen(new HostPort("127.0.0.1", 0))
                .withBackend(TestPostgres.address()).withAdmin(null)
                .withGuard(new GuardConfig(false, GuardConfig.GuardLimits.defaults(), List.of(), List.of()));
        ProxyServer p = ProxyServer.start(c0, metrics);
        open.add(p);
        WireClient c = client(p);
        WireClient.Message key = login(c);
        c.send(query("SELECT pg_sleep(30)"));
        Thread.sleep(100);
        for (int i = 0; i < 30; i++) client(p).send(WireClient.cancelRequest(key.intAt(0), key.intAt(4)));
        WireClient.Message m = c.read();
        while (m.tag() == 'T') m = c.read();
        assertThat(m.fields()).containsEntry('C', "57014");
        c.readUntilReady();
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        metrics.writeTo(text);
        String all = text.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(all).contains("pgaw_proxy_cancel_requests_total{outcome=\"already_in_flight\"}");
        long forwarded = all.lines().filter(l -> l.startsWith("pgaw_proxy_cancel_requests_total{outcome=\"forwarded\"}"))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        assertThat(forwarded).as("cancels forwarded to PostgreSQL for 30 CancelRequests").isBetween(1L, 5L);
    }

    @Test
    void aClientThatVanishesMidQueryHasItsQueryCancelled() throws Exception {
        WireClient c = client(proxy(l -> l));
        int pid = login(c).intAt(0);
        c.send(query("SELECT pg_sleep(60) /* vanishing client */"));
        Thread.sleep(300);
        c.close();
        long deadline = System.currentTimeMillis() + 5000;
        boolean gone = false;
        while (!gone && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            try (Connection d = TestPostgres.direct(); Statement s = d.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid)) {
                rs.next();
                gone = rs.getInt(1) == 0;
            }
        }
        assertThat(gone).as("backend " + pid + " ended after its client vanished").isTrue();
    }

    @Test
    void aBackendThatDiesGivesTheClientAFatal08006() throws Exception {
        try (ServerSocket fake = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = fake.accept()) {
                    s.getInputStream().read(new byte[100]);
                    // AuthenticationOk then hang up, as a crashing server would
                    s.getOutputStream().write(new byte[] {'R', 0, 0, 0, 8, 0, 0, 0, 0});
                    s.getOutputStream().flush();
                } catch (IOException ignored) {
                    // test ends
                }
            });
            t.start();
            WireClient c = client(proxy(new HostPort("127.0.0.1", fake.getLocalPort()), l -> l));
            c.send(startup("postgres", "postgres"));
            assertThat(c.read().tag()).isEqualTo('R');
            WireClient.Message e = c.read();
            assertThat(e.tag()).isEqualTo('E');
            assertThat(e.fields()).containsEntry('S', "FATAL").containsEntry('C', "08006");
            assertThat(c.closedWithin(2000)).isTrue();
            t.join(2000);
        }
    }

    @Test
    void aBackendThatCannotBeReachedGivesAClearFatal() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        WireClient c = client(proxy(new HostPort("127.0.0.1", port), l -> l));
        c.send(startup("postgres", "postgres"));
        WireClient.Message e = c.read();
        assertThat(e.fields()).containsEntry('S', "FATAL").containsEntry('C', "08006");
        assertThat(e.fields().get('M')).startsWith("pgaw: could not connect to the database server");
    }

    @Test
    void gracefulShutdownLetsARunningQueryFinish() throws Exception {
        ProxyServer p = proxy(l -> l);
        WireClient c = client(p);
        login(c);
        c.send(query("SELECT pg_sleep(1)"));
        Thread.sleep(200);
        Thread closer = new Thread(p::close);
        closer.start();
        assertThat(c.readUntilReady()).isEqualTo("TDCZ");
        WireClient.Message bye = c.read();
        assertThat(bye.fields()).containsEntry('C', "57P01");
        closer.join(10_000);
        assertThat(new InetSocketAddress("127.0.0.1", p.address().getPort())).satisfies(a -> {
            try (Socket s = new Socket()) {
                s.connect(a, 500);
                throw new AssertionError("still accepting");
            } catch (IOException expected) {
                // refused: the listener is gone
            }
        });
    }
}
