package org.pgaw.proxy.it;

import org.pgaw.proxy.testing.Program;
import org.pgaw.proxy.testing.NeedsPrograms;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pgaw.proxy.it.support.ItEnv;
import org.pgaw.proxy.it.support.ItExtension;
import org.pgaw.proxy.it.support.Proc;
import org.pgaw.proxy.it.support.Psql;
import org.pgaw.proxy.testing.TestPostgres;

/** psql (libpq) through the target: TLS modes, \copy both ways, Ctrl-C, multi-statement strings. */
@NeedsPrograms(Program.PSQL)
@ExtendWith(ItExtension.class)
class PsqlTest {

    @Test
    void sslmodeRequireGetsATls12OrNewerSession(ItEnv env) {
        Proc.Result r = Psql.as(env, "require", "-c", "\\conninfo", "-c", "SELECT 'up'").run();
        assertThat(r.exit()).as(r.both()).isZero();
        assertThat(r.stdout()).containsPattern("SSL connection \\(protocol: TLSv1\\.[23]").contains("up");
    }

    @Test
    void sslmodeVerifyFullAcceptsTheTestCaAndRejectsAnother(ItEnv env) {
        Map<String, String> good = env.libpqEnv(ItEnv.SUPERUSER, null, "verify-full");
        good.put("PGHOST", "localhost");
        Proc.Result ok = Psql.as(env, good, "-c", "SELECT 'verified'").run();
        assertThat(ok.exit()).as(ok.both()).isZero();
        assertThat(ok.stdout()).contains("verified");

        Map<String, String> bad = env.libpqEnv(ItEnv.SUPERUSER, null, "verify-full");
        bad.put("PGHOST", "localhost");
        bad.put("PGSSLROOTCERT", env.otherCaFile().toString());
        Proc.Result no = Psql.as(env, bad, "-c", "SELECT 1").run();
        assertThat(no.exit()).as(no.both()).isEqualTo(2);
        assertThat(no.stderr()).contains("certificate verify failed");
    }

    @Test
    void backslashCopyRoundTripsAFile(ItEnv env, @TempDir Path dir) throws Exception {
        StringBuilder data = new StringBuilder();
        for (int i = 1; i <= 30_000; i++) data.append(i).append('\t').append("värde ").append(i).append('\n');
        Path in = dir.resolve("in.tsv");
        Path out = dir.resolve("out.tsv");
        Files.writeString(in, data.toString());
        String script = "CREATE TEMP TABLE t (id int, v text);\n"
                + "\\copy t from '" + in + "'\n"
                + "SELECT count(*) || ' ' || sum(id) FROM t;\n"
                + "\\copy (SELECT * FROM t ORDER BY id) to '" + out + "'\n";
        Proc.Result r = Psql.as(env, "disable", "-q").stdin(script).run();
        assertThat(r.exit()).as(r.both()).isZero();
        assertThat(r.stdout().trim()).isEqualTo("30000 " + (30_000L * 30_001 / 2));
        assertThat(Files.readString(out)).isEqualTo(data.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"disable", "require"})
    void ctrlCCancelsTheRunningQuery(String sslmode, ItEnv env) throws Exception {
        Proc.Running psql = Psql.as(env, sslmode, "-c", "SELECT pg_sleep(30)").start();
        try (Connection su = TestPostgres.direct(); Statement s = su.createStatement()) {
            waitForSleeper(s);
            long signalled = System.nanoTime();
            psql.signal("INT");
            Proc.Result r = psql.await();
            assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(5));
            assertThat(r.exit()).as(r.both()).isNotZero();
            assertThat(r.stderr()).contains("canceling statement due to user request");
        } finally {
            psql.kill();
        }
    }

    @Test
    void aMultiStatementStringReturnsEveryResultAndStopsAtAnError(ItEnv env) {
        Proc.Result all = Psql.as(env, "disable", "-c", "SELECT 1; SELECT 'two'; SELECT 3").run();
        assertThat(all.exit()).as(all.both()).isZero();
        assertThat(all.stdout().lines()).containsExactly("1", "two", "3");

        Proc.Result broken = Psql.as(env, "disable", "-c",
                "CREATE TEMP TABLE m (x int); INSERT INTO m VALUES (1); SELECT 1/0; SELECT 'never'").run();
        assertThat(broken.exit()).as(broken.both()).isNotZero();
        assertThat(broken.stderr()).contains("division by zero");
        assertThat(broken.stdout()).doesNotContain("never");
    }

    /** Waits until psql's pg_sleep runs on the backend, so SIGINT cannot arrive before the query does. */
    private static void waitForSleeper(Statement s) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (var rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                    + " AND query = 'SELECT pg_sleep(30)' AND application_name = 'pgaw-it'")) {
                rs.next();
                if (rs.getInt(1) > 0) return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("psql's query never showed up in pg_stat_activity");
    }
}
