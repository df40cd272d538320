package org.pgaw.stack.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The harness's report: the run's shape, both phases, login failures, and the fair-share goal of issue 13 (with the
 * misbehaving share, well-behaved learners' p95 at most twice the p95 without it). Written as report.json (for
 * machines and the smoke test), report.md (the README's table) and printed.
 */
record LoadReport(String finishedAt, Map<String, Object> setup, List<PhaseReport> phases, int loginFailures,
                  List<String> loginFailureExamples, double p95Ratio, double p95RatioPgAdmin, double p95RatioPsql,
                  boolean fairShareGoalMet, int wellBehavedErrors) {
    static final double FAIR_SHARE_GOAL = 2.0;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static LoadReport of(Map<String, Object> setup, List<PhaseReport> phases, List<QueryLog.LoginFailure> logins) {
        double all = ratio(phases.get(0).wellBehaved(), phases.get(1).wellBehaved());
        double pgAdmin = ratio(phases.get(0).pgAdmin(), phases.get(1).pgAdmin());
        double psql = ratio(phases.get(0).psql(), phases.get(1).psql());
        // Met only when it holds for each kind of learner: the mix of the two changes between the phases (a slowed
        // pgAdmin learner runs fewer queries), so the combined figure alone could hide one kind's slowdown.
        boolean met = all > 0 && all <= FAIR_SHARE_GOAL && pgAdmin <= FAIR_SHARE_GOAL && psql <= FAIR_SHARE_GOAL;
        return new LoadReport(java.time.Instant.now().toString(), setup, phases, logins.size(),
                logins.stream().limit(10).map(l -> l.learner() + ": " + l.error()).toList(), all, pgAdmin, psql, met,
                phases.stream().mapToInt(p -> p.wellBehaved().errors()).sum());
    }

    /** p95 with the misbehaving share over p95 without, to two decimals; 0 when there is nothing to compare. */
    private static double ratio(Latency calm, Latency loaded) {
        return calm.p95() > 0 && loaded.queries() > 0 ? Math.round(loaded.p95() / calm.p95() * 100) / 100.0 : 0;
    }

    static LoadReport read(Path json) throws IOException {
        return JSON.readValue(json.toFile(), LoadReport.class);
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        JSON.writeValue(dir.resolve("report.json").toFile(), this);
        Files.writeString(dir.resolve("report.md"), markdown());
    }

    /** The table for the README: one column per phase. */
    String markdown() {
        PhaseReport a = phases.get(0);
        PhaseReport b = phases.get(1);
        StringBuilder sb = new StringBuilder();
        sb.append("| | ").append(a.name()).append(" | ").append(b.name()).append(" |\n|---|---|---|\n");
        row(sb, "phase length, s", a.seconds(), b.seconds());
        row(sb, "well-behaved queries", a.wellBehaved().queries(), b.wellBehaved().queries());
        row(sb, "well-behaved latency p50 / p95 / p99, ms", a.wellBehaved().percentiles(), b.wellBehaved().percentiles());
        row(sb, "… in pgAdmin (Execute → grid shown)", a.pgAdmin().percentiles(), b.pgAdmin().percentiles());
        row(sb, "… in psql", a.psql().percentiles(), b.psql().percentiles());
        row(sb, "well-behaved errors", a.wellBehaved().errors(), b.wellBehaved().errors());
        row(sb, "misbehaving statements (ended in error)", a.misbehaving().queries() + " (" + a.misbehaving().errors() + ")",
                b.misbehaving().queries() + " (" + b.misbehaving().errors() + ")");
        row(sb, "proxy CPU, s (% of one core)", cpu(a.resources().proxyCpuSeconds(), a.resources().proxyCpuPercent()),
                cpu(b.resources().proxyCpuSeconds(), b.resources().proxyCpuPercent()));
        row(sb, "proxy peak RSS, MiB", a.resources().proxyPeakRssMiB(), b.resources().proxyPeakRssMiB());
        row(sb, "PostgreSQL CPU, s (% of one core)", cpu(a.resources().postgresCpuSeconds(),
                a.resources().postgresCpuPercent()), cpu(b.resources().postgresCpuSeconds(), b.resources().postgresCpuPercent()));
        row(sb, "harness CPU (the simulated browsers and psql drivers), s", a.resources().harnessCpuSeconds(),
                b.resources().harnessCpuSeconds());
        for (String r : a.resources().replicaPeakRssMiB().keySet()) {
            row(sb, r + " worker peak RSS, MiB / CPU, s", a.resources().replicaPeakRssMiB().get(r) + " / "
                    + a.resources().replicaCpuSeconds().get(r), b.resources().replicaPeakRssMiB().get(r) + " / "
                    + b.resources().replicaCpuSeconds().get(r));
        }
        row(sb, "load average (1 min), highest", a.resources().loadAverageMax(), b.resources().loadAverageMax());
        TreeSet<String> counters = new TreeSet<>(a.proxyCounters().keySet());
        counters.addAll(b.proxyCounters().keySet());
        for (String c : counters) {
            row(sb, "`" + c.replace("pgaw_proxy_", "") + "`", a.proxyCounters().getOrDefault(c, 0L),
                    b.proxyCounters().getOrDefault(c, 0L));
        }
        sb.append("\nLogin failures: ").append(loginFailures).append(". Well-behaved errors: ").append(wellBehavedErrors)
                .append(". p95 with the misbehaving share / without: ").append(p95Ratio).append(" (pgAdmin ")
                .append(p95RatioPgAdmin).append(", psql ").append(p95RatioPsql).append("; goal ≤ ")
                .append(FAIR_SHARE_GOAL).append(" for each: ").append(fairShareGoalMet ? "met" : "NOT met").append(").\n");
        for (PhaseReport p : phases) {
            if (!p.wellBehaved().errorKinds().isEmpty()) {
                sb.append("\nWell-behaved errors, ").append(p.name()).append(": ").append(p.wellBehaved().errorKinds()).append('\n');
            }
            if (!p.misbehaving().errorKinds().isEmpty()) {
                sb.append("\nHow the misbehaving statements ended, ").append(p.name()).append(": ")
                        .append(p.misbehaving().errorKinds()).append('\n');
            }
        }
        if (!loginFailureExamples.isEmpty()) sb.append("\nLogin failures: ").append(loginFailureExamples).append('\n');
        return sb.toString();
    }

    private static String cpu(double seconds, double percent) {
        return seconds + " (" + Math.round(percent) + " %)";
    }

    private static void row(StringBuilder sb, String what, Object a, Object b) {
        sb.append("| ").append(what).append(" | ").append(a).append(" | ").append(b).append(" |\n");
    }
}
