package org.pgaw.proxy.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.pgaw.db.AdventureWorksLoader;
import org.pgaw.db.DefaultDataSource;
import org.pgaw.db.LoadException;
import org.pgaw.db.LoadReport;
import org.pgaw.db.LoadStatus;
import org.pgaw.db.RoleConfig;

/**
 * An embedded PostgreSQL 17 (zonky) whose data lives in the work directory, with AdventureWorks loaded on
 * the first start. Every role needs its password (SCRAM) and only loopback TCP is accepted.
 */
final class DemoDatabase implements AutoCloseable {
    static final String DATABASE = "adventureworks";
    private static final String SUPERUSER = "postgres";
    private static final String HBA = """
            # pgaw demo: loopback TCP only, every role with its password (SCRAM). No Unix-socket access.
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

    private final EmbeddedPostgres pg;
    private final String superuserPassword;

    private DemoDatabase(EmbeddedPostgres pg, String superuserPassword) {
        this.pg = pg;
        this.superuserPassword = superuserPassword;
    }

    static DemoDatabase start(DemoWorkdir dir) throws DemoException {
        String pw = dir.password("postgres-superuser", 32);
        Path pgData = dir.pgData();
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    // zonky passes its "locale config" to initdb as --key=value: this gives the superuser its password
                    // at initdb time, so the server never runs without one.
                    .setLocaleConfig("pwfile", dir.secretFile("postgres-superuser").toString())
                    // zonky's own readiness check logs in as the superuser: with SCRAM it needs the password too
                    .setConnectConfig("password", pw)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setDataDirectoryCustomizer(d -> writeHba(d.toPath()))
                    .setPGStartupWait(Duration.ofSeconds(120))
                    .start();
            BackendMemoryLimit.apply(pgData, BackendMemoryLimit.DEFAULT_BYTES);
            return new DemoDatabase(pg, pw);
        } catch (IOException | RuntimeException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (msg.contains("could not lock")) {
                throw new DemoException("Another demo is already running with the work directory " + dir.root()
                        + ". Stop it (Ctrl-C) or choose another with --workdir DIR.", e);
            }
            throw new DemoException("Embedded PostgreSQL did not start (data in " + pgData + "): " + msg, e);
        }
    }

    private static void writeHba(Path dataDir) {
        try {
            Files.writeString(dataDir.resolve("pg_hba.conf"), HBA, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write pg_hba.conf in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    int port() {
        return pg.getPort();
    }

    Connection connect(String db) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + db, SUPERUSER, superuserPassword);
    }

    /** The verdict of the load, loading first when the database is not there yet. */
    String ensureLoaded(Path dataDir, boolean strict, RoleConfig roles, PrintStream out, PrintStream err)
            throws DemoException {
        try {
            try (Connection c = connect("postgres"); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (!rs.next()) st.execute("CREATE DATABASE " + DATABASE);
            }
            try (Connection c = connect(DATABASE)) {
                Optional<String> status = LoadStatus.read(c);
                if (status.isPresent()) {
                    out.println("Reusing the AdventureWorks loaded earlier.");
                    return status.get();
                }
                Path source = dataDir;
                if (source == null) source = DefaultDataSource.standard(err).prepare(out);
                out.println("Loading AdventureWorks from " + source + " (one transaction) ...");
                LoadReport report = AdventureWorksLoader.standard().load(c, source, roles, strict, line -> { });
                out.print(report.summary());
                return LoadStatus.read(c).orElseThrow();
            }
        } catch (SQLException e) {
            throw new DemoException("Talking to the embedded PostgreSQL failed: " + e.getMessage(), e);
        } catch (LoadException e) {
            throw new DemoException(e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        pg.close();
    }
}
