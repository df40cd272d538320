package org.pgaw.proxy.regress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.pgaw.proxy.it.support.Proc;

/**
 * One pg_regress run of a schedule against a database {@code regression} reached at a port (PostgreSQL itself or a
 * proxy in front of it). pg_regress runs each test file with {@code psql -a -q} and keeps what psql printed in
 * {@code results/NAME.out}: those files, not pg_regress's verdict against {@code expected/}, are what the differential
 * test compares (this server has no {@code regress.so}, so some files fail against expected/ in every run alike).
 */
final class PgRegressRun {
    /** Stands for the run's own output folder, which PostgreSQL's messages quote (COPY ... TO 'file'). */
    static final String OUTPUT_DIR_MARK = "@abs_builddir@";

    private final String name;
    private final Path outputDir;
    private final Proc.Running process;

    private PgRegressRun(String name, Path outputDir, Proc.Running process) {
        this.name = name;
        this.outputDir = outputDir;
        this.process = process;
    }

    /**
     * Creates database {@code regression} on the server itself, as pg_regress would without --use-existing (same
     * per-database settings), then starts pg_regress against {@code port} with --use-existing.
     */
    static PgRegressRun start(RegressSuite suite, String name, Path outputDir, int serverPort, int port,
                              Path schedule, Duration timeout) {
        createDatabase(suite, serverPort);
        ScratchServer.sharedFolder(outputDir, "results"); // COPY ... TO files are written there by the server
        Proc pgRegress = Proc.of(List.of(suite.pgRegress().toString(), "--use-existing",
                        "--host=127.0.0.1", "--port=" + port, "--user=postgres",
                        "--inputdir=" + suite.suite(), "--outputdir=" + outputDir, "--bindir=" + suite.bindir(),
                        "--dlpath=" + outputDir.resolve("no-regress-library"), "--schedule=" + schedule))
                .env(Map.of("PGSSLMODE", "disable", "PGCONNECT_TIMEOUT", "20"))
                .timeout(timeout);
        return new PgRegressRun(name, outputDir, pgRegress.start());
    }

    /** Waits for pg_regress; exit 1 (files differ from expected/) is normal here, 2 means it could not run. */
    PgRegressRun finish() {
        Proc.Result r = process.await();
        if (r.exit() != 0 && r.exit() != 1) {
            throw new AssertionError("pg_regress (" + name + ") could not run the schedule:\n" + r.both());
        }
        return this;
    }

    String name() {
        return name;
    }

    /** What psql printed for one test file, with this run's output folder replaced by {@link #OUTPUT_DIR_MARK}. */
    String output(String test) {
        Path out = outputDir.resolve("results").resolve(test + ".out");
        if (!Files.isRegularFile(out)) return "<no results/" + test + ".out: pg_regress did not run it>";
        try {
            return new String(Files.readAllBytes(out), StandardCharsets.UTF_8)
                    .replace(outputDir.toString(), OUTPUT_DIR_MARK);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path resultFile(String test) {
        return outputDir.resolve("results").resolve(test + ".out");
    }

    private static void createDatabase(RegressSuite suite, int serverPort) {
        String db = "regression";
        String sql = "DROP DATABASE IF EXISTS " + db + ";\n"
                + "CREATE DATABASE " + db + " TEMPLATE=template0;\n"
                + "ALTER DATABASE " + db + " SET lc_messages TO 'C';\n"
                + "ALTER DATABASE " + db + " SET lc_monetary TO 'C';\n"
                + "ALTER DATABASE " + db + " SET lc_numeric TO 'C';\n"
                + "ALTER DATABASE " + db + " SET lc_time TO 'C';\n"
                + "ALTER DATABASE " + db + " SET bytea_output TO 'hex';\n"
                + "ALTER DATABASE " + db + " SET timezone_abbreviations TO 'Default';\n";
        Proc.Result r = Proc.of(suite.bindir().resolve("psql").toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1",
                        "-h", "127.0.0.1", "-p", Integer.toString(serverPort), "-U", "postgres", "-d", "postgres")
                .env(Map.of("PGSSLMODE", "disable", "PSQLRC", "/dev/null")).stdin(sql).timeout(Duration.ofMinutes(1)).run();
        if (r.exit() != 0) throw new IllegalStateException("could not create database regression: " + r.both());
    }
}
