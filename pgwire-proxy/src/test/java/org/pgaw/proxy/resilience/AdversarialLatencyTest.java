package org.pgaw.proxy.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pgaw.proxy.ProxyServer;
import org.pgaw.proxy.config.GuardConfig;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.config.LimitsConfig;
import org.pgaw.proxy.config.ProxyConfig;
import org.pgaw.proxy.testing.TestPostgres;
import org.pgaw.proxy.testing.WireClient;

/**
 * No input makes the proxy's event loop spend more than linear time (issue 11: two learners each sending one
 * 1 MB Query of FETCH statements stalled every other session's {@code SELECT 1} for 13.8 s). Guarded attacker
 * sessions, enough of them to share every event loop of the proxy with the probe, send the worst statements
 * found ({@link AdversarialInputs}) over and over, while a probe session runs {@code SELECT 1} through the proxy:
 * its round trips must stay under 50 ms (p99; the single slowest one under 500 ms, far below any event-loop stall). The database's share of the machine is not the proxy's:
 * the attackers pause between statements, and PostgreSQL's own quadratic inputs (nested comments,
 * {@link AdversarialInputs#nestedComments}) are left out here. A wall-clock measurement: run it on a quiet machine.
 */
class AdversarialLatencyTest {
    private static final long LIMIT_MILLIS = 50;
    private static final int ATTACKERS = 4;
    private static final long RUN_MILLIS = 10_000;
    /** Between two statements of one attacker: a stalled event loop shows at once, a saturated machine does not. */
    private static final long PAUSE_MILLIS = 50;
    private static ProxyServer proxy;

    private static ResourceLeakDetector.Level leakLevel;

    @BeforeAll
    static void start() {
        // A timing test: paranoid leak detection records a stack trace at every buffer access, which multiplies the
        // cost of many small messages as no production proxy pays it. Leaks are the other tests' business.
        leakLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        proxy = ProxyServer.start(ProxyConfig.defaults().withTls(null).withAdmin(null)
                .withListen(new HostPort("127.0.0.1", 0)).withBackend(TestPostgres.address())
                // Probe and attackers are one user: without this the probe would wait its turn (FairShareTest).
                .withLimits(LimitsConfig.defaults().withMaxRunningStatementsPerUser(0))
                .withGuard(GuardConfig.defaults()));
    }

    @AfterAll
    static void stop() {
        proxy.close();
        ResourceLeakDetector.setLevel(leakLevel);
    }

    /** Just under the default statement bound: the largest statements the guards read whole. */
    private static final int SIZE = LimitsConfig.DEFAULT_MAX_STATEMENT_BYTES - 64;

    @Test
    void statementsOfEveryShapeUpToTheBoundDoNotDelayOtherSessions() throws Exception {
        Map<String, String> all = AdversarialInputs.all(SIZE);
        List<String> names = new ArrayList<>(all.keySet());
        List<String> inputs = new ArrayList<>(all.values());
        // Beyond the bound: skipped as they arrive, never read (the issue's 1 MB statements, a 1 MB parenthesis).
        names.add("1 MB: 1000 x FETCH aaa...a!");
        inputs.add(AdversarialInputs.fetchBang(1_000_000));
        names.add("1 MB: nested parentheses");
        inputs.add(AdversarialInputs.all(1_000_000).get("nested parentheses"));
        inputs.add(null); // 20,000 Sync messages
        Latencies probe = underAttack(inputs, names);
        probe.assertUnder(LIMIT_MILLIS);
    }

    /** The issue's class (a backtracking pattern over FETCH statements), at the largest size the guards read. */
    @Test
    void theIssuesFetchStatementsUpToTheBoundDoNotDelayOtherSessions() throws Exception {
        Latencies probe = underAttack(List.of(AdversarialInputs.fetchBang(SIZE)), List.of("FETCH aaa...a! up to the bound"));
        probe.assertUnder(LIMIT_MILLIS);
    }

    private Latencies underAttack(List<String> inputs, List<String> names) throws Exception {
        Map<String, Long> slowestRoundTrip = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(ATTACKERS);
        List<Future<Integer>> attackers = new ArrayList<>();
        List<RawConnection> sessions = new ArrayList<>();
        try (WireClient probe = login()) {
            // Every session logs in before the attack starts: a stalled event loop would stall the logins too.
            for (int i = 0; i < ATTACKERS; i++) {
                RawConnection a = RawConnection.open(proxy.address(), false);
                sessions.add(a);
                a.send(WireClient.startup("postgres", "postgres"));
                a.readUntilReady();
            }
            // A running proxy is warm: one pass over every input first, so the JIT's first compilations are not measured.
            attack(sessions.get(0), inputs, names, 0, 0, new ConcurrentHashMap<>(), inputs.size());
            Latencies quiet = new Latencies(); // the same probe with no attacker: what the machine alone gives
            long quietEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < quietEnd) {
                long t0 = System.nanoTime();
                probe.send(WireClient.query("SELECT 1"));
                probe.readUntilReady();
                quiet.add(System.nanoTime() - t0);
                Thread.sleep(5);
            }
            System.out.printf("adversarial latency: without attackers, probe %s (load average %.1f)%n", quiet,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS);
            for (int i = 0; i < ATTACKERS; i++) {
                int offset = i;
                RawConnection a = sessions.get(i);
                attackers.add(pool.submit(() -> attack(a, inputs, names, offset, end, slowestRoundTrip, Integer.MAX_VALUE)));
            }
            Latencies l = new Latencies();
            l.quietMaxMillis = quiet.percentileMillis(1.0);
            while (System.nanoTime() < end) {
                long t0 = System.nanoTime();
                probe.send(WireClient.query("SELECT 1"));
                try {
                    assertThat(probe.readUntilReady()).isEqualTo("TDCZ");
                } catch (java.net.SocketTimeoutException e) {
                    l.add(System.nanoTime() - t0);
                    System.out.printf("adversarial latency: the probe waited %s for SELECT 1%n", l);
                    break;
                }
                l.add(System.nanoTime() - t0);
                Thread.sleep(5);
            }
            int sent = 0;
            for (Future<Integer> f : attackers) {
                try {
                    sent += f.get(2, TimeUnit.MINUTES);
                } catch (java.util.concurrent.ExecutionException e) {
                    System.out.println("adversarial latency: an attacker stopped: " + e.getCause());
                    try (var c = TestPostgres.direct(); var st = c.createStatement(); var rs = st.executeQuery(
                            "SELECT pid, state, wait_event_type, wait_event, left(query, 40), length(query) FROM pg_stat_activity WHERE backend_type = 'client backend'")) {
                        while (rs.next()) System.out.printf("  PG %s %s %s %s %s %s%n", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6));
                    }
                }
            }
            System.out.printf("adversarial latency: %d attacker statements; probe %s%n", sent, l);
            slowestRoundTrip.forEach((k, v) -> System.out.printf("  attacker round trip, slowest: %6d ms  %s%n", v, k));
            assertThat(sent).as("the attackers got their statements through").isGreaterThanOrEqualTo(ATTACKERS);
            return l;
        } finally {
            pool.shutdownNow();
            for (RawConnection c : sessions) c.close();
        }
    }

    private static int attack(RawConnection a, List<String> inputs, List<String> names, int offset, long end,
                              Map<String, Long> slowest, int atMost) throws IOException {
        int n = 0;
        {
            for (int i = offset; n < atMost && (atMost < Integer.MAX_VALUE || System.nanoTime() < end); i++) {
                int k = i % inputs.size();
                String sql = inputs.get(k);
                long t0 = System.nanoTime();
                if (sql == null) { // 20,000 Sync messages in one write: each is read whole and alone by the guards
                    byte[] syncs = new byte[20_000 * 5];
                    for (int s = 0; s < 20_000; s++) {
                        syncs[s * 5] = 'S';
                        syncs[s * 5 + 4] = 4;
                    }
                    a.send(syncs);
                    for (int s = 0; s < 20_000; s++) a.readUntilReady();
                } else {
                    a.send(WireClient.query(sql));
                    a.readUntilReady();
                }
                String name = k < names.size() ? names.get(k) : "20,000 Sync messages";
                slowest.merge(name, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), Math::max);
                n++;
                pause(); // keeps the database's CPU for the probe too: what is measured is the proxy's event loop

            }
        }
        return n;
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static WireClient login() throws IOException {
        WireClient c = new WireClient(proxy.address());
        c.send(WireClient.startup("postgres", "postgres"));
        c.readUntilReady();
        return c;
    }

    /** Round trips of the probe, in nanoseconds. */
    private static final class Latencies {
        private long[] nanos = new long[1024];
        private int n;
        /** The slowest round trip of the same probe without attackers: the machine's own share of a maximum. */
        long quietMaxMillis;

        void add(long v) {
            if (n == nanos.length) nanos = Arrays.copyOf(nanos, n * 2);
            nanos[n++] = v;
        }

        long percentileMillis(double p) {
            long[] sorted = Arrays.copyOf(nanos, n);
            Arrays.sort(sorted);
            return TimeUnit.NANOSECONDS.toMillis(sorted[Math.min(n - 1, (int) Math.ceil(p * n) - 1)]);
        }

        void assertUnder(long millis) {
            assertThat(n).as("probe round trips").isGreaterThan(100);
            assertThat(percentileMillis(0.99)).as("p99 of SELECT 1, ms (" + this + ")").isLessThan(millis);
            // The maximum is one sample: on a 2-core machine it holds a GC pause or a neighbour's burst (82 ms seen
            // once while another build compiled, p99 6 ms). What this test exists to catch is an event loop stalled
            // by a superlinear input, which is seconds (13.8 s in the issue): bounded at ten times the limit.
            assertThat(percentileMillis(1.0)).as("max of SELECT 1, ms (" + this + "; without attackers: max "
                    + quietMaxMillis + " ms)").isLessThan(Math.max(10 * millis, millis + quietMaxMillis));
        }

        @Override
        public String toString() {
            return n + " x SELECT 1: p50 " + percentileMillis(0.5) + " ms, p99 " + percentileMillis(0.99) + " ms, max "
                    + percentileMillis(1.0) + " ms";
        }
    }
}
