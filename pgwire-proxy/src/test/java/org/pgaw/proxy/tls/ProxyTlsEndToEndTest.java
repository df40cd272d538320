package org.pgaw.proxy.tls;

import org.pgaw.proxy.testing.Program;
import org.pgaw.proxy.testing.NeedsPrograms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgaw.proxy.ProxyServer;
import org.pgaw.proxy.config.BackendTlsConfig;
import org.pgaw.proxy.config.ServerTlsConfig;
import org.pgaw.proxy.testing.TestPostgres;

/**
 * Real clients through the whole proxy to a real PostgreSQL 17: pgjdbc and psql (libpq 15, no ALPN) with
 * sslmode=verify-full against a Let's Encrypt-style layout, pgjdbc with direct TLS, and a renewal under a live session.
 */
class ProxyTlsEndToEndTest {
    private static TestPki pki;
    private static TestPki.Issued cert;

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void issue() {
        pki = TestPki.create();
        cert = pki.issue(TestPki.KeyType.EC, "localhost", "127.0.0.1");
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void pgjdbcVerifyFullAndARenewalWithoutRestart() throws Exception {
        LetsEncryptDir letsEncrypt = LetsEncryptDir.create(dir, "sql.example.org");
        letsEncrypt.deploy(cert, TestPki.KeyFormat.TRADITIONAL);
        ProxyServer proxy = proxy(new ServerTlsConfig(letsEncrypt.fullchain(), letsEncrypt.privkey(), true,
                Duration.ofMillis(100), "localhost"), BackendTlsConfig.defaults());
        Path firstCa = pki.writeCa(dir.resolve("first-ca.pem"));
        TestPki renewalPki = TestPki.create("renewal");
        Path renewalCa = renewalPki.writeCa(dir.resolve("renewal-ca.pem"));

        Connection before = connect(proxy, firstCa);
        assertThat(TlsProxies.single(before, "SELECT 'before renewal'")).isEqualTo("before renewal");
        assertThatThrownBy(() -> connect(proxy, renewalCa).close())
                .as("nobody serves the renewal certificate yet").isInstanceOf(SQLException.class);

        // The renewal comes from another CA, so which certificate a new handshake got is visible to the client.
        letsEncrypt.deploy(renewalPki.issue(TestPki.KeyType.RSA, "localhost", "127.0.0.1"), TestPki.KeyFormat.PKCS8);
        Connection after = awaitConnect(proxy, renewalCa, Duration.ofSeconds(30));
        assertThat(TlsProxies.single(after, "SELECT 'after renewal'")).isEqualTo("after renewal");

        assertThat(TlsProxies.single(before, "SELECT 'still connected'")).isEqualTo("still connected");
        assertThatThrownBy(() -> connect(proxy, firstCa).close())
                .as("new handshakes no longer get the old certificate").isInstanceOf(SQLException.class);
    }

    @Test
    void pgjdbcDirectTlsNegotiatesAlpn() throws Exception {
        ProxyServer proxy = proxy(serverTls(), BackendTlsConfig.defaults());
        Path ca = pki.writeCa(dir.resolve("ca.pem"));
        try (FirstByteRecorder recorder = new FirstByteRecorder(proxy.address());
             Connection direct = DriverManager.getConnection(url(recorder.port(), ca) + "&sslNegotiation=direct")) {
            assertThat(TlsProxies.single(direct, "SELECT 'direct'")).isEqualTo("direct");
            assertThat(recorder.firstByte()).as("a TLS handshake record, no SSLRequest").isEqualTo(0x16);
        }
    }

    @Test
    @NeedsPrograms(Program.PSQL)
    void psqlVerifiesTheProxyWithoutAlpn() throws Exception {
        ProxyServer proxy = proxy(serverTls(), BackendTlsConfig.defaults());
        Path ca = pki.writeCa(dir.resolve("ca.pem"));
        for (String host : List.of("127.0.0.1", "localhost")) {
            Psql.Result ok = Psql.run(host, proxy.address().getPort(), "sslmode=verify-full sslrootcert=" + ca,
                    "\\conninfo");
            assertThat(ok.exitCode()).as(ok.output()).isZero();
            assertThat(ok.output()).contains("SSL connection (protocol: TLSv1.3");
        }
        Path stranger = TestPki.create("stranger").writeCa(dir.resolve("stranger.pem"));
        Psql.Result refused = Psql.run("127.0.0.1", proxy.address().getPort(), "sslmode=verify-full sslrootcert=" + stranger,
                "SELECT 1");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("certificate verify failed");
    }

    private ServerTlsConfig serverTls() {
        TestPki.ServerFiles files = cert.writeTo(dir.resolve("tls"), TestPki.KeyFormat.TRADITIONAL);
        return new ServerTlsConfig(files.fullchain(), files.privkey(), true, Duration.ofSeconds(10), "localhost");
    }

    private ProxyServer proxy(ServerTlsConfig tls, BackendTlsConfig backendTls) {
        ProxyServer proxy = TlsProxies.start(tls, backendTls, TestPostgres.address());
        open.add(proxy);
        return proxy;
    }

    static String url(ProxyServer proxy, Path ca) {
        return url(proxy.address().getPort(), ca);
    }

    static String url(int port, Path ca) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres&connectTimeout=10"
                + "&sslmode=verify-full&sslrootcert=" + ca;
    }

    private Connection connect(ProxyServer proxy, Path ca) throws SQLException {
        Connection c = DriverManager.getConnection(url(proxy, ca));
        open.add(c);
        return c;
    }

    private Connection awaitConnect(ProxyServer proxy, Path ca, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                return connect(proxy, ca);
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the renewed certificate was not served within " + within, e);
                }
                Thread.sleep(50);
            }
        }
    }
}
