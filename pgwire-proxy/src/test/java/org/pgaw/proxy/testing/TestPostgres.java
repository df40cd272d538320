package org.pgaw.proxy.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.pgaw.proxy.config.HostPort;

/**
 * The one real PostgreSQL 17 (zonky embedded) of a test JVM, started on first use and stopped at JVM exit: every
 * test that needs PostgreSQL shares it, because starting one costs seconds.
 *
 * <p>It has SSL on with a certificate from {@link #ca()}, so clients that verify the server have something to verify
 * (the proxy talks to it in plaintext unless a test configures backend TLS). Logins: the superuser {@code postgres}
 * by trust, and the {@link PasswordRoles}. Test classes share it one after another, so each names its own objects.
 */
public final class TestPostgres {
    private static EmbeddedPostgres pg;
    private static TestCa ca;

    private TestPostgres() { }

    public static synchronized EmbeddedPostgres get() {
        if (pg == null) pg = start();
        return pg;
    }

    private static EmbeddedPostgres start() {
        TestCa authority = TestCa.create(ScratchDirectory.create("pgaw-test-postgres"), "pgaw-test-ca");
        TestCa.ServerFiles tls = authority.issueServer("postgres");
        EmbeddedPostgres started;
        try {
            started = EmbeddedPostgres.builder()
                    // a loaded CI machine can take longer than zonky's default ten seconds
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setServerConfig("ssl", "on")
                    .setServerConfig("ssl_cert_file", tls.certChain().toString())
                    .setServerConfig("ssl_key_file", tls.privateKey().toString())
                    .setServerConfig("max_connections", "200")
                    // throw-away data: durability only costs test time
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setDataDirectoryCustomizer(dir -> PasswordRoles.writeHba(dir.toPath()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                started.close();
            } catch (IOException ignored) {
                // the JVM is going away
            }
        }));
        try (Connection c = started.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            PasswordRoles.create(s);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the password roles", e);
        }
        ca = authority;
        return started;
    }

    public static int port() {
        return get().getPort();
    }

    public static HostPort address() {
        return new HostPort("127.0.0.1", port());
    }

    /** The CA that signed PostgreSQL's certificate; tests may issue more server certificates from it. */
    public static synchronized TestCa ca() {
        get();
        return ca;
    }

    /** A direct superuser connection (not through the proxy), for setup and for checks behind the proxy's back. */
    public static Connection direct() throws SQLException {
        return get().getPostgresDatabase().getConnection();
    }

    public static void exec(String sql) {
        try (Connection c = direct(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
