package org.pgaw.proxy.it;

import org.pgaw.proxy.testing.Program;
import org.pgaw.proxy.testing.NeedsPrograms;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pgaw.proxy.it.support.ItEnv;
import org.pgaw.proxy.it.support.ItExtension;
import org.pgaw.proxy.it.support.Proc;

/** pgbench through the target in all three query modes: no failed transaction, real work done. */
@NeedsPrograms(Program.PGBENCH)
@ExtendWith(ItExtension.class)
class PgbenchTest {
    private static final Pattern PROCESSED = Pattern.compile("number of transactions actually processed: (\\d+)");

    @BeforeAll
    static void initialiseThroughTheTarget(ItEnv env) {
        // -i loads with COPY FROM STDIN, so the initialisation itself is a COPY-in test through the target.
        Proc.Result r = pgbench(env, "-i", "-s", "1", "-q", "it_bench").timeout(Duration.ofSeconds(120)).run();
        assertThat(r.exit()).as(r.both()).isZero();
        assertThat(r.stderr()).contains("done");
    }

    @ParameterizedTest
    @ValueSource(strings = {"simple", "extended", "prepared"})
    void selectOnlyRunsClean(String mode, ItEnv env) {
        assertClean(pgbench(env, "-n", "-S", "-M", mode, "-c", "4", "-j", "2", "-T", "2", "it_bench").run());
    }

    @Test
    void tpcbLikeWritesRunCleanWithPreparedStatements(ItEnv env) {
        assertClean(pgbench(env, "-n", "-M", "prepared", "-c", "4", "-j", "2", "-T", "2", "it_bench").run());
    }

    private static void assertClean(Proc.Result r) {
        assertThat(r.exit()).as(r.both()).isZero();
        assertThat(r.stdout()).as(r.both()).contains("number of failed transactions: 0 (0.000%)");
        Matcher m = PROCESSED.matcher(r.stdout());
        assertThat(m.find()).as(r.both()).isTrue();
        // Real work was done; how much is the benchmark's business (bench/run.sh), not a test's on a shared machine.
        assertThat(Long.parseLong(m.group(1))).as("transactions in 2 s").isPositive();
    }

    private static Proc pgbench(ItEnv env, String... args) {
        List<String> cmd = new ArrayList<>(List.of("pgbench"));
        cmd.addAll(List.of(args));
        Map<String, String> libpq = env.libpqEnv(ItEnv.SUPERUSER, null, "disable");
        libpq.put("PGDATABASE", "it_bench");
        return Proc.of(cmd).env(libpq).timeout(Duration.ofSeconds(60));
    }
}
