package org.pgaw.proxy.it;

import org.pgaw.proxy.testing.Program;
import org.pgaw.proxy.testing.NeedsPrograms;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgaw.proxy.it.support.ForkedProxyProcess;
import org.pgaw.proxy.it.support.ItEnv;
import org.pgaw.proxy.it.support.ItExtension;
import org.pgaw.proxy.it.support.Proc;
import org.pgaw.proxy.it.support.ProcessMemory;

/**
 * The same gigabyte results as {@link LargeResultTest}, through a capped proxy with the default guards on: the byte
 * budget (64 MiB by default) cuts them, psql gets a notice and a normal end, the session stays usable, memory flat.
 */
@NeedsPrograms(Program.PSQL)
@ExtendWith(ItExtension.class)
class GuardedLargeResultTest {
    private static final long BUDGET = 64L * 1024 * 1024;
    private static final long RSS_BOUND_KIB = 300 * 1024;

    private static ForkedProxyProcess proxy;

    @BeforeAll
    static void startGuardedProxy(ItEnv env) {
        proxy = ForkedProxyProcess.start(env.directPort(), "64m", true);
    }

    @AfterAll
    static void stopProxy() {
        if (proxy != null) proxy.close();
    }

    @Test
    void aGigabyteCopyIsCutAtTheBudgetWithANotice() {
        Proc.Result r = psql("COPY (SELECT repeat('x', 999999) FROM generate_series(1, 1000)) TO STDOUT", // within the row cap
                "set -o pipefail; psql -X -v ON_ERROR_STOP=1 -c \"$SQL\" 2>\"$ERR\" | wc -c; cat \"$ERR\" >&2");
        assertThat(r.exit()).as(r.both()).isZero();
        long bytes = Long.parseLong(r.stdout().trim());
        assertThat(bytes).as(r.both()).isPositive().isLessThanOrEqualTo(BUDGET + 64 * 1024);
        assertThat(r.stderr()).contains("NOTICE").contains("pgaw: result stopped after");
        assertStillHealthy();
    }

    @Test
    void wideRowsAreCutAtTheBudgetAndTheSessionGoesOn() {
        // 1000 rows of 1 MB: within the row cap, far over the byte budget.
        Proc.Result r = psql("SELECT length(v) FROM (SELECT repeat('x', 1000000) AS v FROM generate_series(1, 1000)) s;"
                        + " SELECT repeat('y', 1000000) FROM generate_series(1, 1000); SELECT 'after'",
                "set -o pipefail; psql -X -A -t -v ON_ERROR_STOP=1 -c \"$SQL\" 2>\"$ERR\" | cut -c1-20 | sort | uniq -c;"
                        + " cat \"$ERR\" >&2");
        assertThat(r.exit()).as(r.both()).isZero();
        assertThat(r.stderr()).contains("pgaw: result stopped after");
        assertThat(r.stdout()).contains("1000 1000000").contains("after");
        assertStillHealthy();
    }

    private static void assertStillHealthy() {
        assertThat(proxy.isAlive()).as(proxy.stderr()).isTrue();
        assertThat(ProcessMemory.peakRssKib(proxy.pid())).as("guarded proxy peak RSS, KiB").isLessThan(RSS_BOUND_KIB);
        Proc.Result again = psql("SELECT 'still here'", "psql -X -A -t -c \"$SQL\"");
        assertThat(again.stdout()).as(again.both()).contains("still here");
    }

    private static Proc.Result psql(String sql, String shell) {
        return Proc.of("bash", "-c", "ERR=$(mktemp); trap 'rm -f \"$ERR\"' EXIT; " + shell)
                .env(Map.of("PGHOST", "127.0.0.1", "PGPORT", Integer.toString(proxy.port()), "PGUSER", ItEnv.SUPERUSER,
                        "PGDATABASE", "postgres", "PGSSLMODE", "disable", "PSQLRC", "/dev/null", "SQL", sql))
                .timeout(Duration.ofMinutes(2)).run();
    }
}
