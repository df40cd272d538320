package org.pgaw.proxy.it.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.pgaw.proxy.ProxyServer;
import org.pgaw.proxy.testing.ScratchDirectory;
import org.pgaw.proxy.testing.TestCa;
import org.pgaw.proxy.testing.TestPostgres;

/**
 * Everything an integration test needs, started once per test run: the JVM's shared {@link TestPostgres} (whose CA
 * also signs the proxy's certificate), a second CA that signed nothing, and (for {@link Target#PROXY}) an in-process
 * pgwire-proxy in front of PostgreSQL. The proxy stops when the run ends, PostgreSQL and the certificates at JVM exit.
 * Obtain it by declaring an {@code ItEnv} parameter in a test of a class annotated {@code @ExtendWith(ItExtension.class)}.
 */
public final class ItEnv implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    public static final String HOST = "127.0.0.1";
    public static final String SUPERUSER = "postgres";

    private final Path dir;
    private final TestCa otherCa;
    private final TestCa.ServerFiles proxyCert;
    private final Target target;
    private final ProxyServer proxy;
    private boolean closed;

    private ItEnv() {
        this.dir = ScratchDirectory.create("pgaw-it");
        this.otherCa = TestCa.create(dir, "pgaw-it-other-ca");
        this.proxyCert = TestPostgres.ca().issueServer("proxy");
        this.target = Target.fromSystemProperty();
        TestPostgres.exec("CREATE DATABASE it_bench"); // PgbenchTest's own, so its tables stay out of "postgres"
        this.proxy = target == Target.PROXY ? ItProxy.start(TestPostgres.port(), proxyCert) : null;
    }

    static ItEnv start() {
        try {
            return new ItEnv();
        } catch (Exception e) {
            throw new IllegalStateException("integration test environment did not start: " + e, e);
        }
    }

    public Target target() { return target; }

    /** The port clients connect to: the proxy's, or PostgreSQL's own for {@link Target#DIRECT}. */
    public int port() { return proxy != null ? ItProxy.port(proxy) : TestPostgres.port(); }

    public int directPort() { return TestPostgres.port(); }

    /** The CA that signed both the proxy's and PostgreSQL's certificates. */
    public Path caFile() { return TestPostgres.ca().caFile(); }

    /** A CA that signed nothing here: verify-full against it must fail. */
    public Path otherCaFile() { return otherCa.caFile(); }

    public TestCa.ServerFiles proxyCert() { return proxyCert; }

    public Path workDir() { return dir; }

    public String jdbcUrl(String database) { return "jdbc:postgresql://" + HOST + ":" + port() + "/" + database; }

    /** pgjdbc to the target as the superuser; {@code extra} adds or overrides connection properties. */
    public Connection connect(Map<String, String> extra) throws SQLException {
        return connect(SUPERUSER, null, extra);
    }

    public Connection connect(String user, String password, Map<String, String> extra) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) p.setProperty("password", password);
        p.setProperty("sslmode", "disable");
        p.setProperty("connectTimeout", "10");
        p.setProperty("socketTimeout", "120");
        p.setProperty("ApplicationName", "pgaw-it");
        p.putAll(extra);
        return DriverManager.getConnection(jdbcUrl("postgres"), p);
    }

    /** libpq environment for psql / pgbench / psycopg against the target. */
    public Map<String, String> libpqEnv(String user, String password, String sslmode) {
        Map<String, String> env = new HashMap<>();
        env.put("PGHOST", HOST);
        env.put("PGPORT", Integer.toString(port()));
        env.put("PGUSER", user);
        env.put("PGDATABASE", "postgres");
        env.put("PGSSLMODE", sslmode);
        env.put("PGSSLROOTCERT", caFile().toString());
        env.put("PGCONNECT_TIMEOUT", "10");
        env.put("PGAPPNAME", "pgaw-it");
        env.put("PSQLRC", "/dev/null");
        if (password != null) env.put("PGPASSWORD", password);
        return env;
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (proxy != null) proxy.close();
    }
}
