package org.pgaw.proxy.session;

import org.pgaw.proxy.testing.Program;
import org.pgaw.proxy.testing.NeedsPrograms;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgaw.proxy.ProxyServer;
import org.pgaw.proxy.config.GuardConfig;
import org.pgaw.proxy.config.GuardConfig.BudgetMode;
import org.pgaw.proxy.config.GuardConfig.GuardLimits;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.config.ProxyConfig;
import org.pgaw.proxy.it.support.Proc;
import org.pgaw.proxy.testing.TestPostgres;

/** pgAdmin's driver (psycopg 3) meets every guard through the proxy; the checks live in session/psycopg_guards.py. */
@NeedsPrograms(Program.PSYCOPG)
class PsycopgGuardsTest {
    @Test
    void everyGuardBehavesAsALearnerInPgAdminNeedsIt(@TempDir Path dir) throws Exception {
        long budget = 4L << 20;
        GuardLimits limits = new GuardLimits(1000, budget, BudgetMode.TRUNCATE, Duration.ofSeconds(5),
                Duration.ofSeconds(2), Duration.ZERO);
        try (ProxyServer proxy = ProxyServer.start(ProxyConfig.defaults().withAdmin(null)
                .withListen(new HostPort("127.0.0.1", 0)).withBackend(TestPostgres.address())
                .withGuard(new GuardConfig(true, limits, List.of(), List.of())))) {
            Path script = dir.resolve("psycopg_guards.py");
            try (var in = getClass().getResourceAsStream("/session/psycopg_guards.py")) {
                Files.copy(in, script);
            }
            Map<String, String> env = Map.of("PGHOST", "127.0.0.1", "PGPORT", String.valueOf(proxy.address().getPort()),
                    "PGUSER", "postgres", "PGDATABASE", "postgres", "PGSSLMODE", "require");
            Proc.Result r = Proc.of("python3", script.toString(), "1000", String.valueOf(budget), "5", "2")
                    .env(env).timeout(Duration.ofSeconds(120)).run();
            System.out.println(r.stdout());
            assertThat(r.exit()).as(r.both()).isZero();
            assertThat(r.stdout()).contains("GUARDS OK");
        }
    }
}
