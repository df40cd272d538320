package org.pgaw.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database image's path without Docker: the converter's output loaded by the image's real init script,
 * which runs the real psql against a real PostgreSQL, with the environment the official image provides.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@NeedsPrograms(Program.PSQL)
class InitScriptTest {
    private EmbeddedPg pg;
    private Path export;

    @BeforeAll
    void exportMirror(@TempDir Path dir) throws Exception {
        pg = new EmbeddedPg();
        export = dir.resolve("aw");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = ExportMain.run(new String[] {"--data", TestData.mirror().toString(), "--out", export.toString()},
                new java.io.PrintStream(out, true, StandardCharsets.UTF_8), new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(rc).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("INCOMPLETE", "person.person (Person.csv");
    }

    @AfterAll
    void stop() throws Exception {
        pg.close();
    }

    @Test
    void theInitScriptLoadsTheExportWithPsql(@TempDir Path secrets) throws Exception {
        pg.newDatabase("awimage");
        Path ownerSecret = Files.writeString(secrets.resolve("owner_password"), "owner-secret-from-file\n");
        Map<String, String> env = baseEnv("awimage");
        env.put("PGAW_OWNER_PASSWORD_FILE", ownerSecret.toString());
        env.put("PGAW_LEARNER_PASSWORD", "learner-secret");
        Result r = runInitScript(env);
        assertThat(r.exitCode).as(r.output).isZero();
        assertThat(r.output).contains("INCOMPLETE").doesNotContain("owner-secret-from-file").doesNotContain("learner-secret");

        try (Connection c = pg.superuser("awimage"); Statement st = c.createStatement()) {
            for (Map.Entry<String, Long> e : TestData.EXPECTED_ROWS.entrySet()) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + e.getKey())) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(e.getKey()).isEqualTo(e.getValue());
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT addressline1 FROM person.address WHERE addressid = 552")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("25730, boul. St-Régis");
            }
            try (ResultSet rs = st.executeQuery("SELECT substring(thumbnailphoto from 1 for 6) FROM production.productphoto LIMIT 1")) {
                rs.next();
                assertThat(new String(rs.getBytes(1), StandardCharsets.US_ASCII)).startsWith("GIF8");
            }
            try (ResultSet rs = st.executeQuery("SELECT rolpassword IS NOT NULL FROM pg_authid WHERE rolname = 'aw_owner'")) {
                rs.next();
                assertThat(rs.getBoolean(1)).isTrue();
            }
            assertThat(LoadStatus.read(c).orElseThrow()).contains("INCOMPLETE");
        }
        try (Connection c = pg.connect("awimage", "learner"); Statement st = c.createStatement()) {
            st.execute("SET default_transaction_read_only = off");
            try {
                st.execute("INSERT INTO sales.salesreason (name, reasontype) VALUES ('x', 'y')");
                throw new AssertionError("learner INSERT should be refused");
            } catch (SQLException e) {
                assertThat(e.getSQLState()).isEqualTo("42501");
            }
        }
    }

    @Test
    void withoutPasswordsTheScriptRefusesAndLoadsNothing() throws Exception {
        pg.newDatabase("awnopw");
        Result r = runInitScript(baseEnv("awnopw"));
        assertThat(r.exitCode).isNotZero();
        assertThat(r.output).contains("set PGAW_OWNER_PASSWORD or PGAW_OWNER_PASSWORD_FILE");
        try (Connection c = pg.superuser("awnopw"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname = 'sales'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void aFailureInsidePsqlRollsBackEverything(@TempDir Path dir) throws Exception {
        pg.newDatabase("awbroken");
        // Same export, one COPY file corrupted: psql must stop and the single transaction must leave nothing.
        Path broken = dir.resolve("aw");
        copyTree(export, broken);
        Path f = broken.resolve("data/sales.salesreason.copy");
        Files.writeString(f, Files.readString(f).replaceFirst("\\d{4}-\\d\\d-\\d\\d", "not-a-date"));
        Map<String, String> env = baseEnv("awbroken");
        env.put("PGAW_AW_DIR", broken.toString());
        env.put("PGAW_OWNER_PASSWORD", "owner-password-123");
        env.put("PGAW_LEARNER_PASSWORD", "learner-secret");
        Result r = runInitScript(env);
        assertThat(r.exitCode).isNotZero();
        assertThat(r.output).contains("not-a-date");
        try (Connection c = pg.superuser("awbroken"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname IN ('person', 'sales')")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    private Map<String, String> baseEnv(String db) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("PGHOST", "127.0.0.1");
        env.put("PGPORT", Integer.toString(pg.port()));
        env.put("POSTGRES_USER", "postgres");
        env.put("POSTGRES_DB", db);
        env.put("PGAW_AW_DIR", export.toString());
        return env;
    }

    private record Result(int exitCode, String output) { }

    private static Result runInitScript(Map<String, String> env) throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("pgaw.repo.dir"), "db", "initdb", "10-adventureworks.sh");
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("init script did not finish in 120 s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }
}
