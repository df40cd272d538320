package org.pgaw.proxy.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pgaw.proxy.ProxyServer;
import org.pgaw.proxy.config.GuardConfig;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.config.ProxyConfig;
import org.postgresql.PGConnection;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The proxy in front of every PostgreSQL a teacher may run (13 to 18, official images), where a Docker engine
 * exists: authentication as each version does it by default (md5 on 13, SCRAM later), simple and extended queries,
 * portal suspension, COPY out, cancel, and the row cap. Without Docker it is skipped with one line saying why;
 * the rest of the suite proves the same against the embedded PostgreSQL 17 and the Debian PostgreSQL 15 tools.
 */
class PostgresVersionsDockerTest {
    private static boolean docker;

    @BeforeAll
    static void needsDocker() {
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            docker = false;
        }
        if (!docker) {
            System.err.println("pgaw: SKIPPED PostgresVersionsDockerTest: no Docker engine on this machine "
                    + "(the proxy is proven against embedded PostgreSQL 17 and Debian's PostgreSQL 15 tools instead)");
        }
    }

    @ParameterizedTest(name = "postgres:{0}")
    @ValueSource(strings = {"13", "14", "15", "16", "17", "18"})
    void theProxyWorksInFrontOf(String version) throws Exception {
        Assumptions.assumeTrue(docker, "no Docker engine on this machine");
        try (PostgreSQLContainer<?> pg = new PostgreSQLContainer<>("postgres:" + version)) {
            pg.start();
            ProxyConfig config = ProxyConfig.defaults().withAdmin(null)
                    .withListen(new HostPort("127.0.0.1", 0))
                    .withBackend(new HostPort(pg.getHost(), pg.getMappedPort(5432)))
                    .withGuard(new GuardConfig(true, GuardConfig.GuardLimits.defaults(), List.of(), List.of()));
            try (ProxyServer proxy = ProxyServer.start(config); Connection c = connect(proxy, pg)) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version()")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).startsWith("PostgreSQL " + version);
                }
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM generate_series(1, 5000)")) {
                    int n = 0;
                    while (rs.next()) n++;
                    assertThat(n).as("row cap").isEqualTo(1000);
                }
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement("SELECT g FROM generate_series(1, ?) g")) {
                    ps.setInt(1, 500);
                    ps.setFetchSize(50);
                    try (ResultSet rs = ps.executeQuery()) {
                        int n = 0;
                        while (rs.next()) n++;
                        assertThat(n).as("portal suspension").isEqualTo(500);
                    }
                }
                c.commit();
                c.setAutoCommit(true);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                long rows = c.unwrap(PGConnection.class).getCopyAPI()
                        .copyOut("COPY (SELECT g FROM generate_series(1, 100) g) TO STDOUT", out);
                assertThat(rows).isEqualTo(100);
                try (Statement s = c.createStatement()) {
                    CompletableFuture<Void> cancel = CompletableFuture.runAsync(() -> {
                        try {
                            Thread.sleep(500);
                            s.cancel();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    assertThatThrownBy(() -> s.execute("SELECT pg_sleep(30)")).isInstanceOf(SQLException.class)
                            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
                    cancel.get(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static Connection connect(ProxyServer proxy, PostgreSQLContainer<?> pg) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", pg.getUsername());
        p.setProperty("password", pg.getPassword());
        p.setProperty("sslmode", "require");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.address().getPort() + "/"
                + pg.getDatabaseName(), p);
    }
}
