package org.pgaw.proxy.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pgaw.proxy.it.support.Proc;

/**
 * The client matrix beyond pgjdbc/psql/psycopg: asyncpg, node-postgres and pgx, each a small program under
 * {@code src/test/clients/}, run through the attack proxy as the learner (every result capped to MAX_ROWS with the
 * notice visible to the library, a bigint LIMIT parameter binds, cursors read in batches of 7, 11, 13, 143, prepared
 * statements, cancellation) and as the exempt teacher (everything, no notice). Installed by
 * {@code .ci/install-clients.sh}; missing outside CI: skipped with one loud line; missing with CI=true: failure.
 */
class ClientMatrixTest {
    private static final Path CLIENTS = Path.of("src/test/clients");
    private static final String INSTALL = "sudo .ci/install-clients.sh";
    /** The programs read {@code atk.customer WHERE id <= 1500}: above the cap, small enough for the teacher's runs. */
    private static final int MATRIX_ROWS = 1500;

    @ParameterizedTest(name = "asyncpg as {0}")
    @ValueSource(strings = {"learner", "teacher"})
    void asyncpg(String mode) {
        requireProgram("asyncpg (python3 -m asyncpg)",
                Proc.of("python3", "-c", "import asyncpg").timeout(Duration.ofSeconds(30)).run().exit() == 0);
        run("ASYNCPG OK", mode, Map.of(), "python3", CLIENTS.resolve("asyncpg/matrix.py").toString());
    }

    @ParameterizedTest(name = "node-postgres as {0}")
    @ValueSource(strings = {"learner", "teacher"})
    void nodePostgres(String mode) {
        String modules = System.getenv().getOrDefault("PGAW_NODE_PG_MODULES", "/opt/pgaw-clients/node-pg/node_modules");
        requireProgram("node-postgres (node + " + modules + "/pg, pg-cursor)",
                Files.isDirectory(Path.of(modules, "pg-cursor")) && onPath("node"));
        run("NODE-PG OK", mode, Map.of("NODE_PATH", modules), "node", CLIENTS.resolve("node-pg/matrix.js").toString());
    }

    @ParameterizedTest(name = "pgx as {0}")
    @ValueSource(strings = {"learner", "teacher"})
    void pgx(String mode) {
        String bin = System.getenv().getOrDefault("PGAW_PGX_BIN", "/opt/pgaw-clients/pgx/pgaw-pgx");
        requireProgram("pgx program " + bin, Files.isExecutable(Path.of(bin)));
        run("PGX OK", mode, Map.of(), bin);
    }

    private static void run(String success, String mode, Map<String, String> extraEnv, String... command) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("PGHOST", "127.0.0.1");
        env.put("PGPORT", Integer.toString(AttackProxy.address().getPort()));
        env.put("PGUSER", mode.equals("learner") ? AttackDb.LEARNER : AttackDb.TEACHER);
        env.put("PGDATABASE", AttackDb.DATABASE);
        env.put("PGSSLMODE", "disable");
        List<String> cmd = new java.util.ArrayList<>(List.of(command));
        cmd.addAll(List.of(mode, Integer.toString(AttackProxy.MAX_ROWS), Integer.toString(MATRIX_ROWS)));
        Proc.Result r = Proc.of(cmd).env(env).timeout(Duration.ofSeconds(90)).run();
        assertThat(r.stdout()).as("%s as %s:\n%s", command[command.length - 1], mode, r.both()).contains(success);
        assertThat(r.exit()).as(r.both()).isZero();
    }

    private static void requireProgram(String what, boolean present) {
        if (present) return;
        String line = "[attack] MISSING CLIENT " + what + ": install with " + INSTALL;
        if ("true".equals(System.getenv("CI"))) throw new AssertionError(line);
        System.err.println(line);
        Assumptions.abort(line);
    }

    private static boolean onPath(String program) {
        return Proc.of("sh", "-c", "command -v " + program).timeout(Duration.ofSeconds(10)).run().exit() == 0;
    }
}
