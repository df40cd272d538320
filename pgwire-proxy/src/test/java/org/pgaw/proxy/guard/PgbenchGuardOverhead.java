package org.pgaw.proxy.guard;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pgaw.proxy.ProxyServer;
import org.pgaw.proxy.config.GuardConfig;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.config.ProxyConfig;
import org.pgaw.proxy.it.support.Proc;
import org.pgaw.proxy.testing.TestPostgres;

/**
 * A benchmark script, not a test: {@code pgbench -S} (scale 10) against PostgreSQL directly, through the proxy with
 * guards off, and through the proxy with guards on (every SELECT rewritten to {@code LIMIT 1001}), and prints TPS
 * (median of the runs) per protocol and client count. Needs {@code pgbench} on the PATH. Run it on the test
 * classpath, e.g. taken from a surefire report after any test run of the module:
 * <pre>
 * CP=$(grep -o 'name="surefire.test.class.path" value="[^"]*"' \
 *        pgwire-proxy/target/surefire-reports/TEST-org.pgaw.proxy.guard.SqlLexerTest.xml | sed 's/.*value="//; s/"$//')
 * java -cp "$CP" org.pgaw.proxy.guard.PgbenchGuardOverhead [seconds per run, 8] [runs, 3]
 * </pre>
 */
public final class PgbenchGuardOverhead {
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern TXNS = Pattern.compile("number of transactions actually processed: ([0-9]+)");
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /** TPS of one run, and the CPU this JVM (so: the proxy) spent per transaction, in µs. */
    private record Run(double tps, double proxyCpuMicrosPerTxn) { }

    private PgbenchGuardOverhead() { }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int pgPort = TestPostgres.get().getPort();
        pgbench(pgPort, List.of("-i", "-s", "10", "-q"));
        ProxyConfig base = ProxyConfig.defaults().withTls(null).withAdmin(null)
                .withListen(new HostPort("127.0.0.1", 0)).withBackend(TestPostgres.address());
        try (ProxyServer off = ProxyServer.start(base.withGuard(new GuardConfig(false, GuardConfig.GuardLimits.defaults(),
                     List.of(), List.of())));
             ProxyServer on = ProxyServer.start(base.withGuard(GuardConfig.defaults()))) {
            int[] ports = {pgPort, off.address().getPort(), on.address().getPort()};
            String[] names = {"direct", "proxy, guards off", "proxy, guards on"};
            System.out.printf("%-9s %-8s %12s %18s %17s %9s %22s%n", "protocol", "clients", names[0], names[1],
                    names[2], "on / off", "proxy CPU µs/txn off/on");
            for (String protocol : List.of("simple", "extended")) {
                for (int clients : new int[] {1, 8}) {
                    List<List<Double>> tps = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
                    List<List<Double>> cpu = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
                    for (int r = 0; r < runs; r++) {
                        for (int t = 0; t < ports.length; t++) {
                            Run result = run(ports[t], protocol, clients, seconds);
                            tps.get(t).add(result.tps());
                            cpu.get(t).add(result.proxyCpuMicrosPerTxn());
                        }
                    }
                    double d = median(tps.get(0));
                    double f = median(tps.get(1));
                    double g = median(tps.get(2));
                    System.out.printf(Locale.ROOT, "%-9s %-8d %12.0f %18.0f %17.0f %9.3f %11.1f / %-8.1f%n", protocol,
                            clients, d, f, g, g / f, median(cpu.get(1)), median(cpu.get(2)));
                }
            }
        }
        System.exit(0);
    }

    private static Run run(int port, String protocol, int clients, int seconds) throws IOException, InterruptedException {
        long cpu0 = OS.getProcessCpuTime();
        String out = pgbench(port, List.of("-S", "-n", "-M", protocol, "-c", Integer.toString(clients), "-j",
                Integer.toString(Math.min(clients, 2)), "-T", Integer.toString(seconds)));
        long cpuNanos = OS.getProcessCpuTime() - cpu0;
        Matcher m = TPS.matcher(out);
        Matcher n = TXNS.matcher(out);
        if (!m.find() || !n.find()) {
            throw new IllegalStateException("no TPS in pgbench output:\n" + out);
        }
        return new Run(Double.parseDouble(m.group(1)), cpuNanos / 1000.0 / Long.parseLong(n.group(1)));
    }

    private static String pgbench(int port, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("pgbench", "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-U", "postgres"));
        cmd.addAll(args);
        cmd.add("postgres");
        Proc.Result r = Proc.of(cmd).timeout(java.time.Duration.ofMinutes(10)).run();
        if (r.exit() != 0) throw new IllegalStateException("pgbench failed: " + cmd + "\n" + r.both());
        return r.stdout() + r.stderr();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
