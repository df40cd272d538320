package org.pgaw.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** A real PostgreSQL 17 (zonky embedded) on a free loopback port, for one test class. */
final class EmbeddedPg implements AutoCloseable {
    private final EmbeddedPostgres pg;

    EmbeddedPg() {
        try {
            pg = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1").start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return pg.getPort();
    }

    String url(String db) {
        return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + db;
    }

    Connection connect(String db, String user) throws SQLException {
        return DriverManager.getConnection(url(db), user, "unused-with-trust-auth");
    }

    Connection superuser(String db) throws SQLException {
        return connect(db, "postgres");
    }

    /** A fresh, empty database. */
    String newDatabase(String name) throws SQLException {
        try (Connection c = superuser("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    @Override
    public void close() throws IOException {
        pg.close();
    }
}
