package org.pgaw.proxy.attack;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.pgaw.proxy.ProxyServer;
import org.pgaw.proxy.config.AdminConfig;
import org.pgaw.proxy.config.GuardConfig;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.config.ProxyConfig;
import org.pgaw.proxy.testing.TestPostgres;

/**
 * Round 2 of the hostile learner: a guarded proxy (defaults: deny by default, 1000 rows, short timers) in front of
 * the shared {@link TestPostgres}, and a learner role of its own that logs in by trust and may read one table. The
 * superuser {@code postgres} is exempt, so checks behind the learner's back go through the same proxy or directly.
 */
final class Round2Proxy implements AutoCloseable {
    static final String LEARNER = "r2_learner";

    private final ProxyServer server;

    private Round2Proxy(ProxyServer server) {
        this.server = server;
    }

    static Round2Proxy start() {
        ensureLearner();
        GuardConfig.GuardLimits limits = new GuardConfig.GuardLimits(1000, 8L * 1024 * 1024,
                GuardConfig.BudgetMode.TRUNCATE, Duration.ofSeconds(5), Duration.ofSeconds(6), Duration.ZERO, 10_000,
                Duration.ofSeconds(20));
        ProxyConfig config = ProxyConfig.defaults()
                .withListen(new HostPort("127.0.0.1", 0))
                .withBackend(TestPostgres.address())
                .withTls(null)
                .withAdmin(new AdminConfig(null))
                .withGuard(new GuardConfig(true, limits, List.of(), List.of("postgres")));
        return new Round2Proxy(ProxyServer.start(config));
    }

    /** The learner: may log in and read r2_rows (5000 rows); nothing else was granted. Idempotent. */
    private static synchronized void ensureLearner() {
        TestPostgres.exec("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + LEARNER + "') THEN "
                + "CREATE ROLE " + LEARNER + " LOGIN; END IF; END $$");
        TestPostgres.exec("CREATE TABLE IF NOT EXISTS r2_rows AS SELECT g AS id, md5(g::text) AS v "
                + "FROM generate_series(1, 5000) g");
        TestPostgres.exec("GRANT SELECT ON r2_rows TO " + LEARNER);
    }

    InetSocketAddress address() {
        return server.address();
    }

    int port() {
        return server.address().getPort();
    }

    /** pgjdbc through the guarded proxy as the learner, simple or extended protocol. */
    Connection learner(String preferQueryMode) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", LEARNER);
        p.setProperty("sslmode", "disable");
        p.setProperty("connectTimeout", "10");
        p.setProperty("socketTimeout", "60");
        p.setProperty("preferQueryMode", preferQueryMode);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port() + "/postgres", p);
    }

    Connection learner() throws SQLException {
        return learner("extended");
    }

    @Override
    public void close() {
        server.close();
    }
}
