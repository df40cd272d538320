package org.pgaw.proxy.demo;

import org.pgaw.proxy.testing.Program;
import org.pgaw.proxy.testing.NeedsPrograms;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
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
import org.pgaw.proxy.config.GuardConfig.GuardLimits;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.it.support.Proc;

/**
 * The demo end to end: a real psql, TLS required, through the proxy, into the embedded AdventureWorks; with a
 * statement timeout a teacher can show in two seconds, and the demo's logging (terminal for guard events, file for
 * every session) in place.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@NeedsPrograms(Program.PSQL)
class DemoEndToEndTest {
    private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(2);

    private Demo demo;
    private DemoLog log;
    private Path workdir;
    private final DemoTestSupport.Captured terminal = new DemoTestSupport.Captured();

    @BeforeAll
    void start(@TempDir Path workdir) throws Exception {
        this.workdir = workdir;
        DemoTestSupport.Captured out = new DemoTestSupport.Captured();
        log = DemoLog.install(DemoCommand.logFile(workdir), terminal.stream);
        GuardLimits defaults = GuardLimits.defaults();
        GuardLimits limits = new GuardLimits(defaults.maxRows(), defaults.maxResultBytes(), defaults.budgetMode(),
                SHORT_TIMEOUT, defaults.idleInTransactionTimeout(), defaults.idleSessionTimeout());
        demo = Demo.start(new Demo.Options(new HostPort("127.0.0.1", 0), DemoTestSupport.mirror(), workdir, false, limits, 1),
                out.stream, out.stream);
        String text = demo.instructions();
        assertThat(text).contains("psql \"host=127.0.0.1 port=" + demo.address().getPort()
                + " dbname=adventureworks user=learner sslmode=require\"", "password: " + demo.roles().learnerPassword(),
                "SSL mode: require", "INCOMPLETE");
    }

    @AfterAll
    void stop() {
        if (demo != null) demo.close();
        if (log != null) log.close();
    }

    @Test
    void theInstructionsGiveTheTeachersPasswordFileAndTheLimitsInEffect() throws IOException {
        Path secret = workdir.toAbsolutePath().normalize().resolve("secrets").resolve("owner");
        assertThat(demo.instructions()).contains("Teacher role (no guards): " + demo.roles().owner() + ", password in " + secret)
                .contains("Learner limits: --max-rows 1000 ", " --statement-timeout 2s ");
        assertThat(Files.readString(secret).trim()).isEqualTo(demo.roles().ownerPassword());
    }

    @Test
    void theInstructionsSayWhereTheTeachersConsoleAndItsPasswordAreAndThePasswordOpensIt() throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(http://localhost:\\d+/teacher/)  password in (\\S+)")
                .matcher(demo.instructions());
        assertThat(m.find()).as("the console's line in %s", demo.instructions()).isTrue();
        Path secret = Path.of(m.group(2));
        assertThat(secret).startsWith(workdir.toAbsolutePath().normalize());
        assertThat(java.nio.file.Files.getPosixFilePermissions(secret))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        java.net.http.HttpResponse<String> login = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(m.group(1) + "login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("password=" + Files.readString(secret).trim()))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Set-Cookie")).isPresent();
    }

    @Test
    void aShortStatementTimeoutStopsASleepAtOnce() throws Exception {
        long t0 = System.nanoTime();
        Psql r = psql("require", "SELECT pg_sleep(20)");
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(r.exitCode).as(r.output).isNotZero();
        assertThat(took).as("stopped by the 2 s limit, not the 20 s sleep").isLessThan(Duration.ofSeconds(15));
    }

    /** The terminal keeps guard events, one line each; the sessions' INFO lines go to the file only. */
    @Test
    void theTerminalShowsGuardEventsAndTheLogFileEverySession() throws Exception {
        Psql r = psql("require", "SELECT a.addressid FROM person.address a CROSS JOIN person.address b");
        assertThat(r.exitCode).as(r.output).isZero();
        String shown = terminal.text();
        assertThat(shown.lines()).anyMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d guard row_limit .*user=learner.*"));
        assertThat(shown).doesNotContain("session pid=", "listening on", "SELF-SIGNED", "INFO");
        String file = Files.readString(DemoCommand.logFile(workdir));
        assertThat(file).contains("session pid=", "user=learner", "guard row_limit", "listening on");
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
