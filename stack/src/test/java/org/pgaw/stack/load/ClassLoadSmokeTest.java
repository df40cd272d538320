package org.pgaw.stack.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.pgaw.stack.support.NeedsPrograms;
import org.pgaw.stack.support.Program;

/**
 * The class load harness, small and short, in every build: a handful of learners of each kind, one misbehaving
 * pgAdmin learner (five Query Tools of cross joins) and one misbehaving psql learner, 20 s per phase (about 80 s in all on a quiet 2-core machine). Whatever the
 * misbehaving ones do, nobody else's login or practice query may fail; and the report must be complete and readable.
 */
@NeedsPrograms({Program.PGADMIN, Program.NGINX_E2E, Program.OPENSSL_E2E, Program.PSQL})
class ClassLoadSmokeTest {
    @Test
    void aSmallClassWithAMisbehavingShareRunsWithoutErrorsAndReports() throws Exception {
        Path out = Path.of("target", "class-load-smoke").toAbsolutePath();
        // An 8 s statement timeout: the misbehaving statements end (and are counted) within the 20 s phase.
        LoadOptions o = new LoadOptions(5, 3, 0.2, Duration.ofSeconds(20), Duration.ofMillis(500),
                Duration.ofMillis(1500), Duration.ofSeconds(8), out);
        assertThat(o.misbehavingPgAdmin()).isEqualTo(1);
        assertThat(o.misbehavingPsql()).isEqualTo(1);

        ClassLoad.run(o);

        LoadReport report = LoadReport.read(out.resolve("report.json"));
        assertThat(report.loginFailures()).as("login failures: %s", report.loginFailureExamples()).isZero();
        assertThat(report.phases()).hasSize(2).allSatisfy(p -> {
            assertThat(p.wellBehaved().errors()).as("%s: well-behaved errors %s", p.name(), p.wellBehaved().errorKinds())
                    .isZero();
            assertThat(p.pgAdmin().queries()).as("%s: pgAdmin queries", p.name()).isPositive();
            assertThat(p.psql().queries()).as("%s: psql queries", p.name()).isPositive();
            assertThat(p.resources().proxyPeakRssMiB()).as("proxy RSS measured").isPositive();
            assertThat(p.resources().postgresCpuSeconds()).as("PostgreSQL CPU measured").isPositive();
            assertThat(p.resources().replicaPeakRssMiB().values()).as("replica RSS measured").allSatisfy(
                    v -> assertThat(v).isPositive());
        });
        assertThat(report.phases().get(0).misbehaving().queries()).as("nobody misbehaves in the first phase").isZero();
        assertThat(report.phases().get(1).misbehaving().queries()).as("the misbehaving share ran").isPositive();
        assertThat(report.phases().get(1).proxyCounters()).as("guard actions by kind, from /metrics")
                .containsKey("pgaw_proxy_guard_actions_total{action=\"statement_timeout\"}");
        assertThat(Files.readString(out.resolve("report.md"))).contains("well-behaved latency p50 / p95 / p99");
        assertThat(ImageIO.read(out.resolve("report.png").toFile())).as("report.png is an image").isNotNull();
    }
}
