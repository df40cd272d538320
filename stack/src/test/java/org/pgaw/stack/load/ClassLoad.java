package org.pgaw.stack.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.pgaw.stack.e2e.PgAdminReplica;
import org.pgaw.stack.e2e.StackTopology;

/**
 * The class load harness: the stack of the end-to-end test (nginx → three pgAdmin replicas → pgwire-proxy, here as its
 * own process → AdventureWorks), a class of learners logging in, then two phases back to back in one run: the
 * well-behaved learners alone, then with the misbehaving share added. Measures what the learners wait for and what
 * each process spends, and writes the report.
 */
public final class ClassLoad {
    /** Learners log in one after another this far apart (a class does not press Enter at the same millisecond). */
    private static final Duration LOGIN_SPACING = Duration.ofMillis(250);
    /**
     * How long a simulated browser waits for a connection to nginx (TCP and TLS). A browser waits much longer than the
     * end-to-end test's 5 s; with 5 s, a run on a 2-core machine at load average 60 counted "HTTP connect timed out"
     * as login failures, a limit of the harness, not of the stack.
     */
    private static final Duration BROWSER_CONNECT_TIMEOUT = Duration.ofSeconds(60);

    private ClassLoad() { }

    public static LoadReport run(LoadOptions o) throws Exception {
        int accounts = o.pgAdminLearners() + o.psqlLearners();
        // pgAdmin holds a connection for the tree and one per Query Tool (five for a misbehaving learner); psql one.
        int maxConnections = 60 + 3 * o.pgAdminLearners() + 6 * o.misbehavingPgAdmin() + o.psqlLearners();
        AtomicReference<ProxyOwnProcess> proxy = new AtomicReference<>();
        long t0 = System.nanoTime();
        log("starting the stack: %d learner accounts, AdventureWorks max_connections %d", accounts, maxConnections);
        try (StackTopology stack = StackTopology.start(new StackTopology.Options(accounts, maxConnections,
                (backendPort, work) -> {
                    proxy.set(ProxyOwnProcess.start(backendPort, work, o.statementTimeout()));
                    return proxy.get();
                }))) {
            log("stack up in %.0f s", (System.nanoTime() - t0) / 1e9);
            checkQueriesRun(stack);
            return drive(stack, proxy.get(), o);
        }
    }

    /**
     * From the data directory's postmaster.pid: the parent of a backend would do only while that backend lives, and
     * a one-query connection's backend may be gone by the time /proc is read (then PostgreSQL's CPU reads as 0).
     */
    private static long postmasterPid(StackTopology stack) throws Exception {
        String dataDirectory = stack.queryDirect("SHOW data_directory").get(0).get(0);
        return Long.parseLong(java.nio.file.Files.readAllLines(java.nio.file.Path.of(dataDirectory, "postmaster.pid")).get(0).trim());
    }

    private static LoadReport drive(StackTopology stack, ProxyOwnProcess proxy, LoadOptions o) throws Exception {
        Phases phases = new Phases();
        QueryLog queries = new QueryLog();
        long postmaster = postmasterPid(stack);
        List<String> replicaNames = stack.replicas.stream().map(PgAdminReplica::name).toList();
        List<LongSupplier> replicaPids = new ArrayList<>();
        for (PgAdminReplica r : stack.replicas) replicaPids.add(r::workerPid);
        try (ResourceSampler sampler = new ResourceSampler(proxy.pid(), postmaster, replicaPids, phases.startNanos())) {
            sampler.start();
            CountDownLatch ready = new CountDownLatch(o.pgAdminLearners() + o.psqlLearners());
            List<Runnable> learners = learners(stack, proxy, o, phases, queries, ready);
            List<Thread> threads = new ArrayList<>();
            for (Runnable r : learners) {
                Thread t = new Thread(r, "learner-" + threads.size());
                t.setDaemon(true);
                t.start();
                threads.add(t);
                Thread.sleep(LOGIN_SPACING.toMillis());
            }
            if (!ready.await(10, TimeUnit.MINUTES)) throw new IllegalStateException("learners not logged in after 10 min");
            log("%d learners logged in (%d login failures so far)", learners.size(), queries.loginFailures().size());

            List<ResourceSampler.Sample> marks = new ArrayList<>();
            List<Map<String, Double>> counters = new ArrayList<>();
            for (int phase = 0; phase < Phases.NAMES.length; phase++) {
                counters.add(ProxyCounters.scrape(proxy.adminPort()));
                marks.add(sampler.sampleNow());
                phases.begin(phase);
                log("phase %d: %s, %d s", phase + 1, Phases.NAMES[phase], o.phase().toSeconds());
                waitAndShowProgress(phases, queries, o.phase());
            }
            counters.add(ProxyCounters.scrape(proxy.adminPort()));
            marks.add(sampler.sampleNow());
            phases.end();
            log("run over; waiting for the well-behaved learners' last queries");
            for (Thread t : threads) t.join(TimeUnit.SECONDS.toMillis(5));

            List<QueryLog.Query> all = queries.queries();
            List<ResourceSampler.Sample> samples = sampler.samples();
            List<PhaseReport> reports = new ArrayList<>();
            for (int p = 0; p < Phases.NAMES.length; p++) {
                reports.add(PhaseReport.of(p, marks.get(p + 1).atSeconds() - marks.get(p).atSeconds(), all,
                        PhaseReport.Resources.between(marks.get(p), marks.get(p + 1), samples, replicaNames),
                        ProxyCounters.growth(counters.get(p), counters.get(p + 1))));
            }
            LoadReport report = LoadReport.of(setup(o), reports, queries.loginFailures());
            report.write(o.out());
            LoadChart.write(o.out().resolve("report.png"), all, samples, replicaNames, marks.get(0).atSeconds(),
                    marks.get(1).atSeconds(), marks.get(2).atSeconds());
            System.out.println(report.markdown());
            log("report in %s (report.json, report.md, report.png)", o.out());
            return report;
        }
    }

    private static List<Runnable> learners(StackTopology stack, ProxyOwnProcess proxy, LoadOptions o, Phases phases,
                                           QueryLog queries, CountDownLatch ready) {
        List<Runnable> wellBehaved = new ArrayList<>();
        List<Runnable> misbehaving = new ArrayList<>();
        for (int i = 0; i < o.pgAdminLearners(); i++) {
            PgAdminSession s = new PgAdminSession(stack, name -> new org.pgaw.stack.e2e.Learner(name, "localhost",
                    stack.nginx.httpsPort(), stack.trust, BROWSER_CONNECT_TIMEOUT), i, queries, phases);
            if (i < o.misbehavingPgAdmin()) misbehaving.add(new PgAdminMisbehaver(s, queries, phases, ready));
            else wellBehaved.add(new PgAdminLearner(s, queries, phases, o, ready));
        }
        for (int i = 0; i < o.psqlLearners(); i++) {
            var account = stack.learners().get(o.pgAdminLearners() + i);
            boolean mis = i < o.misbehavingPsql();
            (mis ? misbehaving : wellBehaved).add(new PsqlLearner(proxy.port(), account, mis, queries, phases, o, ready));
        }
        // Interleave pgAdmin and psql learners so both kinds log in throughout the ramp.
        List<Runnable> all = new ArrayList<>(wellBehaved);
        all.addAll(misbehaving);
        java.util.Collections.shuffle(all, new java.util.Random(13));
        return all;
    }

    /** Every bundled statement parses and names tables that exist (a typo would show up as learners' errors). */
    private static void checkQueriesRun(StackTopology stack) throws Exception {
        for (String sql : QuerySet.PRACTICE.all()) stack.queryDirect("EXPLAIN " + sql);
        for (String sql : QuerySet.MISBEHAVING.all()) stack.queryDirect("EXPLAIN " + sql);
    }

    private static void waitAndShowProgress(Phases phases, QueryLog queries, Duration length) throws InterruptedException {
        long end = System.nanoTime() + length.toNanos();
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(30_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            List<QueryLog.Query> qs = queries.queries().stream().filter(q -> q.phase() == phases.current()).toList();
            Latency l = Latency.of(qs.stream().filter(q -> q.who().wellBehaved()).toList());
            log("  %.0f s: well-behaved %d queries, p50/p95/p99 %s ms, %d errors; misbehaving %d statements; load %.2f",
                    phases.now(), l.queries(), l.percentiles(), l.errors(),
                    qs.stream().filter(q -> !q.who().wellBehaved()).count(), ProcStats.loadAverage());
        }
    }

    private static Map<String, Object> setup(LoadOptions o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pgAdminLearners", o.pgAdminLearners());
        m.put("psqlLearners", o.psqlLearners());
        m.put("misbehavingPgAdminLearners", o.misbehavingPgAdmin());
        m.put("misbehavingPsqlLearners", o.misbehavingPsql());
        m.put("phaseSeconds", o.phase().toSeconds());
        m.put("thinkSeconds", o.thinkMin().toMillis() / 1000.0 + "-" + o.thinkMax().toMillis() / 1000.0);
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("loadAverageAtEnd", ProcStats.loadAverage());
        m.put("stack", "nginx → 3 pgAdmin replicas (gunicorn, 1 worker × 25 threads) → pgwire-proxy (own JVM, -Xmx384m,"
                + " guard defaults: 1000 rows, 64 MiB; statement timeout " + o.statementTimeout().toSeconds()
                + " s) → AdventureWorks (embedded PostgreSQL)");
        return m;
    }

    static void log(String format, Object... args) {
        System.out.printf("pgaw load: " + format + "%n", args);
    }
}
