package org.pgaw.proxy.attack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.pgaw.proxy.ProxyServer;
import org.pgaw.proxy.config.GuardConfig;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.config.ProxyConfig;
import org.pgaw.proxy.it.support.ItProxy;
import org.pgaw.proxy.testing.TestPostgres;

/**
 * Round 3's common ground: a guarded proxy (the default guards, nobody exempt) in the test JVM in front of the shared
 * embedded PostgreSQL, and a learner role of round 3's own that logs in by trust and may read one small table.
 */
final class Round3Setup implements AutoCloseable {
    static final String LEARNER = "r3_learner";
    static final String TABLE = "r3_numbers";

    private final ProxyServer proxy;

    private Round3Setup(ProxyServer proxy) {
        this.proxy = proxy;
    }

    static Round3Setup start() {
        TestPostgres.exec("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + LEARNER + "') THEN "
                + "CREATE ROLE " + LEARNER + " LOGIN; END IF; END $$");
        TestPostgres.exec("CREATE TABLE IF NOT EXISTS " + TABLE + " AS SELECT g AS n FROM generate_series(1, 10) g");
        TestPostgres.exec("GRANT SELECT ON " + TABLE + " TO " + LEARNER);
        ProxyConfig config = ItProxy.transparentConfig(TestPostgres.port(), null)
                .withGuard(GuardConfig.defaults())
                .withListen(new HostPort("127.0.0.1", 0));
        return new Round3Setup(ProxyServer.start(config));
    }

    int port() {
        return ItProxy.port(proxy);
    }

    /** A pgjdbc connection of the learner through the guarded proxy, with extra connection properties. */
    Connection learner(Properties extra) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", LEARNER);
        p.setProperty("sslmode", "disable");
        p.putAll(extra);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port() + "/postgres", p);
    }

    Connection learner() throws SQLException {
        return learner(new Properties());
    }

    @Override
    public void close() {
        proxy.close();
    }
}
