package org.pgaw.proxy.regress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.pgaw.proxy.ProxyServer;

/**
 * PostgreSQL 15's own regression suite, three times at once from identical clusters: straight to PostgreSQL, through
 * the proxy as an exempt role, and through the proxy as a guarded role that may do everything a policy can allow.
 * What psql printed for each test file is compared with the direct run: exempt must be byte-identical, guarded may
 * differ only where {@code regress/allowed-differences.txt} names an intended guard action.
 *
 * <p>CI runs the subset {@code regress/ci_schedule}; {@code -Dpgaw.regress.schedule=full} runs PostgreSQL's whole
 * {@code parallel_schedule}. Each difference is printed with its file and lines, and all are written to
 * {@code target/regress/differences.txt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresRegressionSuiteTest {
    private final List<AutoCloseable> running = new ArrayList<>();
    private Schedule schedule;
    private RegressSuite suite;
    private PgRegressRun direct;
    private PgRegressRun exempt;
    private PgRegressRun guarded;
    private AutoCloseable quietSessions;

    @BeforeAll
    void runTheSuiteThreeWays() {
        long started = System.nanoTime();
        suite = RegressSuite.locateOrSkip();
        quietSessions = QuietLog.warnOnly("org.pgaw.proxy");
        schedule = Schedule.chosen(suite);
        Path dir = ScratchServer.workFolder("pgaw-regress");
        Path template = ScratchServer.initTemplate(suite, dir);
        Path scheduleFile = schedule.writeTo(dir.resolve("schedule"));
        ScratchServer a = started(ScratchServer.startCopy(suite, template, dir.resolve("direct-data")));
        ScratchServer b = started(ScratchServer.startCopy(suite, template, dir.resolve("exempt-data")));
        ScratchServer c = started(ScratchServer.startCopy(suite, template, dir.resolve("guarded-data")));
        ProxyServer exemptProxy = started(RegressProxies.exempt(dir, b.port()));
        ProxyServer guardedProxy = started(RegressProxies.guarded(dir, c.port()));
        Duration timeout = Duration.ofMinutes(schedule.tests().size() > 100 ? 30 : 6);
        PgRegressRun d = PgRegressRun.start(suite, "direct", dir.resolve("direct"), a.port(), a.port(),
                scheduleFile, timeout);
        PgRegressRun e = PgRegressRun.start(suite, "exempt", dir.resolve("exempt"), b.port(),
                exemptProxy.address().getPort(), scheduleFile, timeout);
        PgRegressRun g = PgRegressRun.start(suite, "guarded", dir.resolve("guarded"), c.port(),
                guardedProxy.address().getPort(), scheduleFile, timeout);
        direct = d.finish();
        exempt = e.finish();
        guarded = g.finish();
        System.err.printf("pgaw: regression suite (%d files), PostgreSQL CPU: direct %.1f s, behind the exempt proxy"
                        + " %.1f s, behind the guarded proxy %.1f s; this JVM (both proxies) %.1f s; %.0f s wall%n",
                schedule.tests().size(), seconds(a.cpu()), seconds(b.cpu()), seconds(c.cpu()), jvmCpuSeconds(),
                (System.nanoTime() - started) / 1e9);
    }

    @AfterAll
    void stop() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) running.get(i).close();
        if (quietSessions != null) quietSessions.close();
    }

    @Test
    void theDirectRunIsPostgresqlsOwnSuite() throws IOException {
        // A run that could not connect would make every comparison below vacuous: most files must match expected/.
        List<String> matching = new ArrayList<>();
        for (String test : schedule.tests()) {
            if (matchesAnExpectedFile(test, direct.output(test))) matching.add(test);
        }
        assertThat(matching.size()).as("test files whose direct output is one of PostgreSQL's expected outputs"
                + " (the rest need regress.so, absent on Debian): " + matching)
                .isGreaterThanOrEqualTo(schedule.tests().size() * 3 / 4);
    }

    @Test
    void anExemptRoleSeesExactlyWhatPostgresqlSays() {
        List<String> differing = schedule.tests().stream()
                .filter(t -> !direct.output(t).equals(exempt.output(t))).toList();
        String detail = differing.stream().map(t -> t + ":\n" + LineDiff.diff(LineDiff.lines(direct.output(t)),
                LineDiff.lines(exempt.output(t))).stream().map(LineDiff.Hunk::render).collect(Collectors.joining())
        ).collect(Collectors.joining("\n"));
        write("exempt-differences.txt", detail);
        assertThat(differing).as("files whose output through the relay differs from PostgreSQL's (all of it in"
                + " target/regress/exempt-differences.txt):\n" + firstLines(detail)).isEmpty();
    }

    @Test
    void aGuardedRoleSeesWhatPostgresqlSaysExceptTheAllowedGuardActions() {
        AllowedDifferences allowed = AllowedDifferences.load();
        List<AllowedDifferences.Verdict> verdicts = new ArrayList<>();
        for (String test : schedule.tests()) {
            List<LineDiff.Hunk> hunks = LineDiff.diff(LineDiff.lines(direct.output(test)),
                    LineDiff.lines(guarded.output(test)));
            verdicts.addAll(allowed.judge(test, hunks));
        }
        StringBuilder report = new StringBuilder();
        for (AllowedDifferences.Verdict v : verdicts) {
            report.append(v.test()).append(": ").append(v.explainedBy() == null ? "NOT ALLOWED"
                    : "allowed by " + v.explainedBy().describe() + (v.byCascade() ? " (after its refusal)" : ""))
                    .append('\n').append(v.hunk().render()).append('\n');
        }
        write("guarded-differences.txt", report.toString());
        String unexplained = verdicts.stream().filter(v -> v.explainedBy() == null)
                .map(v -> v.test() + "\n" + v.hunk().render()).collect(Collectors.joining("\n"));
        assertThat(firstLines(unexplained)).as("differences through a guarded session that no allow-list entry explains"
                + " (regress/allowed-differences.txt); all differences: target/regress/guarded-differences.txt")
                .isEmpty();
        assertThat(allowed.unused(schedule.tests(), verdicts)).as("allow-list entries for these tests that"
                + " explained nothing: remove them, or find out why the proxy no longer does that").isEmpty();
    }

    /** Enough of a report to see what is wrong; the whole of it is in target/regress (a broken relay gives MBs). */
    private static String firstLines(String text) {
        List<String> lines = LineDiff.lines(text);
        if (lines.size() <= 200) return text;
        return String.join("\n", lines.subList(0, 200)) + "\n... and " + (lines.size() - 200) + " more lines";
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static double jvmCpuSeconds() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() / 1e9 : 0;
    }

    private boolean matchesAnExpectedFile(String test, String output) throws IOException {
        Path expected = suite.file("expected");
        try (var files = Files.list(expected)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches(
                    java.util.regex.Pattern.quote(test) + "(_\\d+)?\\.out")).toList()) {
                if (Files.readString(f, StandardCharsets.UTF_8).equals(output)) return true;
            }
        }
        return false;
    }

    private <T extends AutoCloseable> T started(T thing) {
        running.add(thing);
        return thing;
    }

    private static void write(String name, String text) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "regress"));
            Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
