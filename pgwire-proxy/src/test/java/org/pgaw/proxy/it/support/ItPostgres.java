package org.pgaw.proxy.it.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;

/**
 * The real PostgreSQL 17 (zonky embedded) behind every integration test: one per test run.
 *
 * <p>It has SSL on with a certificate from the test CA, so "direct" runs of the TLS tests are meaningful too
 * (the proxy itself talks to it in plaintext). Roles: the superuser {@code postgres} (trust, for setup and
 * general tests), {@code it_scram} (scram-sha-256) and {@code it_md5} (md5 hash stored, md5 in pg_hba).
 * Passwords are random per run, so nothing secret is committed.
 */
public final class ItPostgres implements AutoCloseable {
    public static final String SCRAM_USER = "it_scram";
    public static final String MD5_USER = "it_md5";

    private final EmbeddedPostgres pg;
    private final String scramPassword = randomPassword();
    private final String md5Password = randomPassword();

    private ItPostgres(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    public static ItPostgres start(TestCa.ServerFiles tls) {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setServerConfig("ssl", "on")
                    .setServerConfig("ssl_cert_file", tls.certChain().toString())
                    .setServerConfig("ssl_key_file", tls.privateKey().toString())
                    .setServerConfig("max_connections", "120")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setDataDirectoryCustomizer(dir -> writeHba(dir.toPath()))
                    .start();
            ItPostgres it = new ItPostgres(pg);
            it.createRoles();
            return it;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /** Auth per role, on both loopback families because zonky listens on "localhost". */
    private static void writeHba(Path dataDir) {
        StringBuilder hba = new StringBuilder("local all all trust\n");
        for (String net : new String[] {"127.0.0.1/32", "::1/128"}) {
            hba.append("host all ").append(SCRAM_USER).append(' ').append(net).append(" scram-sha-256\n");
            hba.append("host all ").append(MD5_USER).append(' ').append(net).append(" md5\n");
            hba.append("host all all ").append(net).append(" trust\n");
        }
        try {
            Files.writeString(dataDir.resolve("pg_hba.conf"), hba.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void createRoles() {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            s.execute("CREATE ROLE " + SCRAM_USER + " LOGIN PASSWORD '" + scramPassword + "'");
            s.execute("SET password_encryption = 'md5'");
            s.execute("CREATE ROLE " + MD5_USER + " LOGIN PASSWORD '" + md5Password + "'");
            s.execute("GRANT pg_signal_backend TO " + SCRAM_USER + ", " + MD5_USER);
            s.execute("CREATE DATABASE it_bench");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the test roles", e);
        }
    }

    public int port() { return pg.getPort(); }

    public String scramPassword() { return scramPassword; }

    public String md5Password() { return md5Password; }

    /** A superuser connection straight to PostgreSQL, for setup and for checks behind the proxy's back. */
    public Connection superuser() throws SQLException {
        return pg.getPostgresDatabase().getConnection();
    }

    private static String randomPassword() {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        return "pw" + HexFormat.of().formatHex(b);
    }

    @Override
    public void close() {
        try {
            pg.close();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
