package org.pgaw.proxy.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.pgaw.proxy.config.HostPort;

/** One real PostgreSQL 17 (zonky embedded) per test JVM, started on first use, stopped at JVM exit. */
public final class TestPostgres {
    private static EmbeddedPostgres pg;

    private TestPostgres() { }

    public static synchronized EmbeddedPostgres get() {
        if (pg == null) {
            try {
                pg = EmbeddedPostgres.builder().setServerConfig("max_connections", "200").start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return pg;
    }

    public static HostPort address() {
        return new HostPort("127.0.0.1", get().getPort());
    }

    /** A direct superuser connection (not through the proxy). */
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
