package org.pgaw.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgaw.proxy.ProxyServer;
import org.pgaw.proxy.config.BackendTlsConfig;
import org.pgaw.proxy.config.BackendTlsConfig.Mode;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.config.ServerTlsConfig;

/** The proxy's TLS towards a real PostgreSQL 17 that has ssl=on with a certificate from a test CA. */
class BackendTlsPostgresTest {
    @TempDir
    static Path dir;

    private static TestPki pki;
    private static EmbeddedPostgres postgres;
    private static Path ca;

    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void startPostgresWithTls() throws Exception {
        pki = TestPki.create();
        TestPki.ServerFiles files = pki.issue(TestPki.KeyType.RSA, "db.internal", "127.0.0.1")
                .writeTo(dir.resolve("pg"), TestPki.KeyFormat.TRADITIONAL);
        ca = files.ca();
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("ssl", "on")
                .setServerConfig("ssl_cert_file", files.fullchain().toString())
                .setServerConfig("ssl_key_file", files.privkey().toString())
                .start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void verifyFullReachesPostgresOverTls() throws Exception {
        ProxyServer proxy = proxy(new BackendTlsConfig(Mode.VERIFY_FULL, ca, null));
        try (Connection c = DriverManager.getConnection(url(proxy))) {
            assertThat(TlsProxies.single(c,
                    "SELECT ssl || ' ' || version FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).isEqualTo("true TLSv1.3");
        }
        ProxyServer byName = proxy(new BackendTlsConfig(Mode.VERIFY_FULL, ca, "db.internal"));
        try (Connection c = DriverManager.getConnection(url(byName))) {
            assertThat(TlsProxies.single(c, "SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()"))
                    .isEqualTo("true");
        }
    }

    @Test
    void verifyFullRefusesAWrongNameAndTheClientIsToldWhy() {
        ProxyServer proxy = proxy(new BackendTlsConfig(Mode.VERIFY_FULL, ca, "other.internal"));
        assertThatThrownBy(() -> DriverManager.getConnection(url(proxy)).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("could not connect to the database server: TLS handshake failed")
                .hasMessageContaining("other.internal");
    }

    @Test
    void requireEncryptsWithoutCheckingTheCertificate() throws Exception {
        ProxyServer proxy = proxy(new BackendTlsConfig(Mode.REQUIRE, null, "whatever.example"));
        try (Connection c = DriverManager.getConnection(url(proxy))) {
            assertThat(TlsProxies.single(c, "SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()"))
                    .isEqualTo("true");
        }
    }

    private ProxyServer proxy(BackendTlsConfig backendTls) {
        ProxyServer proxy = TlsProxies.start(new ServerTlsConfig(null, null, false, Duration.ZERO, "localhost"), backendTls,
                new HostPort("127.0.0.1", postgres.getPort()));
        open.add(proxy);
        return proxy;
    }

    private static String url(ProxyServer proxy) {
        return "jdbc:postgresql://127.0.0.1:" + proxy.address().getPort() + "/postgres?user=postgres&sslmode=require"
                + "&connectTimeout=10";
    }
}
