package org.pgaw.proxy.demo;

import org.pgaw.proxy.testing.Program;
import org.pgaw.proxy.testing.NeedsPrograms;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.pgaw.db.DemoQueries;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.it.support.Proc;

/** The demo end to end: a real psql, TLS required, through the proxy, into the embedded AdventureWorks. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@NeedsPrograms(Program.PSQL)
class DemoEndToEndTest {
    private Demo demo;

    @BeforeAll
    void start(@TempDir Path workdir) throws Exception {
        DemoTestSupport.Captured out = new DemoTestSupport.Captured();
        demo = Demo.start(new Demo.Options(new HostPort("127.0.0.1", 0), DemoTestSupport.mirror(), workdir, false),
                out.stream, out.stream);
        String text = demo.instructions();
        assertThat(text).contains("psql \"host=127.0.0.1 port=" + demo.address().getPort()
                + " dbname=adventureworks user=learner sslmode=require\"", "password: " + demo.roles().learnerPassword(),
                "SSL mode: require", "INCOMPLETE");
    }

    @AfterAll
    void stop() {
        if (demo != null) demo.close();
    }

    @Test
    void psqlWithSslmodeRequireRunsAPracticeQueryAcrossThreeSchemas() throws Exception {
        Psql r = psql("require", DemoQueries.THREE_SCHEMA_JOIN);
        assertThat(r.exitCode).as(r.output).isZero();
        List<String> rows = r.output.lines().filter(l -> !l.isBlank()).toList();
        assertThat(rows).hasSize(17);
        assertThat(rows.get(0)).contains("Sales Representative");
    }

    @Test
    void plaintextIsRefused() throws Exception {
        Psql r = psql("disable", "SELECT 1");
        assertThat(r.exitCode).isNotZero();
    }

    @Test
    void aCrossJoinIsLimited() throws Exception {
        Psql r = psql("require", "SELECT a.addressid, b.addressid FROM person.address a CROSS JOIN person.address b");
        assertThat(r.exitCode).as(r.output).isZero();
        assertThat(r.output.lines().filter(l -> l.matches("\\d+\\|\\d+")).count()).isEqualTo(1000);
        assertThat(r.output).contains("pgaw: showing the first 1000 rows");
    }

    private record Psql(int exitCode, String output) { }

    private Psql psql(String sslmode, String sql) throws IOException, InterruptedException {
        String conn = "host=127.0.0.1 port=" + demo.address().getPort() + " dbname=adventureworks user=learner sslmode=" + sslmode;
        Proc.Result r = Proc.of("psql", "--no-psqlrc", "-X", "-At", "-v", "ON_ERROR_STOP=1", conn, "-c", sql)
                .env(Map.of("PGPASSWORD", demo.roles().learnerPassword(), "PGCONNECT_TIMEOUT", "10"))
                .timeout(Duration.ofSeconds(60)).run();
        return new Psql(r.exit(), r.stdout() + r.stderr());
    }
}
