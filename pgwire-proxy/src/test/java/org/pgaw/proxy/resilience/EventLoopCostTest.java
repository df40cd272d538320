package org.pgaw.proxy.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * What one adversarial message costs the proxy's event loop, in CPU time of the event-loop threads (not wall
 * time, so a busy machine does not blur it): every byte decoded, the guards' lexing and planning, the relay of
 * the reply. No message up to the statement bound may cost more than a few milliseconds, whatever its shape: the
 * other sessions on that event loop wait that long. {@link AdversarialLatencyTest} measures the same end to end.
 */
class EventLoopCostTest {
    private static final long MAX_MILLIS = 10;
    private static final int SIZE = LimitsConfig.DEFAULT_MAX_STATEMENT_BYTES - 64;
    private static ProxyServer proxy;

    @BeforeAll
    static void start() {
        proxy = ProxyServer.start(ProxyConfig.defaults().withTls(null).withAdmin(null)
                .withListen(new HostPort("127.0.0.1", 0)).withBackend(TestPostgres.address())
                .withGuard(GuardConfig.defaults()));
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    @Test
    void noStatementUpToTheBoundCostsTheEventLoopMoreThanAFewMilliseconds() throws Exception {
        Map<String, String> inputs = new LinkedHashMap<>(AdversarialInputs.all(SIZE));
        // Its cost is mostly relaying the replies of its 728 statements, spread over many reads, which lets other
        // sessions in between; the end-to-end latency test covers it.
        inputs.remove("many tiny statements");
        inputs.put("1 MB nested parentheses (over the bound: skipped)", AdversarialInputs.all(1_000_000).get("nested parentheses"));
        assertCheap(inputs);
    }

    /** The issue's class: statements {@code FETCH aaa…a!} that made a backtracking pattern run for seconds. */
    @Test
    void theIssuesFetchStatementsCostTheEventLoopNoMoreThanAFewMilliseconds() throws Exception {
        assertCheap(Map.of("FETCH aaa...a! up to the bound", AdversarialInputs.fetchBang(SIZE),
                "1 MB of FETCH aaa...a! (over the bound: skipped)", AdversarialInputs.fetchBang(1_000_000)));
    }

    private static void assertCheap(Map<String, String> inputs) throws Exception {
        Map<String, Long> costs = new LinkedHashMap<>();
        try (RawConnection c = RawConnection.open(proxy.address(), false)) {
            c.send(WireClient.startup("postgres", "postgres"));
            c.readUntilReady();
            for (Map.Entry<String, String> e : inputs.entrySet()) {
                long best = Long.MAX_VALUE;
                for (int run = 0; run < 4; run++) { // the first runs warm the JIT up; the cheapest is the steady cost
                    String sql = e.getValue() + " ".repeat(run); // a new text each time: no plan cache hit
                    long cpu0 = eventLoopCpuNanos();
                    c.send(WireClient.query(sql));
                    c.readUntilReady();
                    best = Math.min(best, eventLoopCpuNanos() - cpu0);
                }
                costs.put(e.getKey(), best / 1_000_000);
            }
        }
        costs.forEach((k, v) -> System.out.printf("event-loop CPU per message: %5d ms  %s%n", v, k));
        List<String> expensive = new ArrayList<>();
        costs.forEach((k, v) -> {
            if (v > MAX_MILLIS) expensive.add(k + " (" + v + " ms)");
        });
        assertThat(expensive).as("messages costing the event loop more than " + MAX_MILLIS + " ms of CPU").isEmpty();
    }

    /** CPU time used so far by the proxy's event-loop threads. */
    private static long eventLoopCpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("pgaw-io")) sum += Math.max(0, mx.getThreadCpuTime(t.getId()));
        }
        return sum;
    }
}
