package org.pgaw.proxy.guard;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntConsumer;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;

/**
 * Prints what the row-limit rewrite costs per statement, in µs: a cache hit versus planning afresh versus JSqlParser,
 * on pgbench's {@code -S} query and on a pgAdmin tree query. A benchmark, not a test: run it with
 * <pre>
 * ./mvnw -B -q -o -pl pgwire-proxy -am test-compile
 * java -cp pgwire-proxy/target/classes:pgwire-proxy/target/test-classes:$HOME/.m2/repository/com/github/jsqlparser/jsqlparser/5.3/jsqlparser-5.3.jar \
 *     org.pgaw.proxy.guard.GuardMicroBenchmark
 * </pre>
 */
public final class GuardMicroBenchmark {
    private static final String PGBENCH_EXTENDED = "SELECT abalance FROM pgbench_accounts WHERE aid = $1;";
    private static final String PGADMIN_TABLES = "SELECT rel.oid, rel.relname AS name,"
            + " (SELECT count(*) FROM pg_catalog.pg_trigger WHERE tgrelid=rel.oid AND tgisinternal = FALSE) AS triggercount,"
            + " (SELECT count(*) FROM pg_catalog.pg_trigger WHERE tgrelid=rel.oid AND tgisinternal = FALSE AND tgenabled = 'O') AS has_enable_triggers,"
            + " (CASE WHEN rel.relkind = 'p' THEN true ELSE false END) AS is_partitioned,"
            + " des.description FROM pg_catalog.pg_class rel LEFT OUTER JOIN pg_catalog.pg_description des"
            + " ON (des.objoid=rel.oid AND des.objsubid=0 AND des.classoid='pg_class'::regclass)"
            + " WHERE rel.relkind IN ('r','s','t','p') AND rel.relnamespace = %d::oid ORDER BY rel.relname";

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private GuardMicroBenchmark() { }

    public static void main(String[] args) {
        LimitRewriter cached = new LimitRewriter();
        LimitRewriter uncached = new LimitRewriter(0, false);
        String[] pgbenchSimple = new String[1024];
        String[] pgadmin = new String[1024];
        // pgbench -S draws aid from 1..1,000,000 (scale 10): the exact-text memo (1,024 entries, second sight) misses
        String[] pgbenchFresh = new String[1 << 18];
        for (int i = 0; i < pgbenchFresh.length; i++) {
            pgbenchFresh[i] = "SELECT abalance FROM pgbench_accounts WHERE aid = " + (1 + (i * 7919L) % 1_000_000) + ";";
        }
        for (int i = 0; i < 1024; i++) {
            pgbenchSimple[i] = "SELECT abalance FROM pgbench_accounts WHERE aid = " + (i * 7919 % 1_000_000) + ";";
            pgadmin[i] = String.format(Locale.ROOT, PGADMIN_TABLES, 2200 + i);
        }
        System.out.printf("%-62s %10s%n", "operation (one statement)", "CPU µs median");
        row("pgbench -S extended: lex only", i -> SqlLexer.lex(PGBENCH_EXTENDED));
        row("pgbench -S extended: rewrite, cache hit", i -> cached.rewriteStatement(PGBENCH_EXTENDED, 1000));
        row("pgbench -S extended: rewrite, no cache (token analysis)", i -> uncached.rewriteStatement(PGBENCH_EXTENDED, 1000));
        row("pgbench -S simple, literal varies: rewrite, cache hit", i -> cached.rewriteQuery(pgbenchSimple[i & 1023], 1000));
        row("pgbench -S simple, new text every time (as pgbench): rewrite", i -> cached.rewriteQuery(pgbenchFresh[i & (pgbenchFresh.length - 1)], 1000));
        row("pgbench -S extended: JSqlParser newParser().Statement()", i -> parse(PGBENCH_EXTENDED));
        row("pgAdmin tables query, oid varies: rewrite, cache hit", i -> cached.rewriteQuery(pgadmin[i & 1023], 1000));
        row("pgAdmin tables query: rewrite, no cache (token analysis)", i -> uncached.rewriteQuery(pgadmin[i & 1023], 1000));
        row("pgAdmin tables query: JSqlParser newParser().Statement()", i -> parse(pgadmin[i & 1023]));
        System.out.printf("cache: %d entries, %d hits, %d misses%n", cached.cacheSize(), cached.cacheHits(), cached.cacheMisses());
    }

    private static void parse(String sql) {
        try {
            CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(false).Statement();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Median of 7 rounds after a warm-up, each round long enough to be timed (~100 ms). Timed in this thread's CPU
     * time, not wall time, so that other work on a shared machine does not count.
     */
    private static void row(String name, IntConsumer op) {
        int n = calibrate(op);
        double[] rounds = new double[7];
        for (int r = 0; r < rounds.length; r++) {
            long t0 = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                op.accept(i);
            }
            rounds[r] = (THREADS.getCurrentThreadCpuTime() - t0) / 1000.0 / n;
        }
        Arrays.sort(rounds);
        System.out.printf(Locale.ROOT, "%-62s %10.2f%n", name, rounds[rounds.length / 2]);
    }

    private static int calibrate(IntConsumer op) {
        int n = 16;
        while (true) {
            long t0 = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                op.accept(i);
            }
            if (THREADS.getCurrentThreadCpuTime() - t0 > 100_000_000L || n >= 1 << 22) {
                return n;
            }
            n *= 2;
        }
    }
}
