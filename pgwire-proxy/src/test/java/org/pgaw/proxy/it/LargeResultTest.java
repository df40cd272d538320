package org.pgaw.proxy.it;

import org.pgaw.proxy.testing.Program;
import org.pgaw.proxy.testing.NeedsPrograms;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgaw.proxy.it.support.ForkedProxyProcess;
import org.pgaw.proxy.it.support.ItEnv;
import org.pgaw.proxy.it.support.ItExtension;
import org.pgaw.proxy.it.support.Proc;
import org.pgaw.proxy.it.support.ProcessMemory;
import org.pgaw.proxy.it.support.RssSampler;

/**
 * Gigabyte results through a proxy whose heap is capped at 64 MB, in its own JVM so its resident memory can be
 * watched alone: COPY TO STDOUT into psql, a million wide DataRows into pgjdbc, and single CopyData / DataRow
 * messages of 64 MB each (as large as the proxy's whole heap, so they must stream, not be gathered).
 * Guards are off here: this is about memory and flow control, not the byte budget.
 */
@NeedsPrograms(Program.PSQL)
@ExtendWith(ItExtension.class)
class LargeResultTest {
    /** Whole-process bound for a 64 MB-heap JVM: heap + metaspace + code cache + threads + Netty's direct pools. */
    private static final long RSS_BOUND_KIB = 300 * 1024;
    private static final long ROW_BYTES = 1000;
    private static final long ROWS = 1_000_000;

    private static ForkedProxyProcess proxy;
    private static long baselineKib;

    @BeforeAll
    static void startCappedProxy(ItEnv env) {
        proxy = ForkedProxyProcess.start(env.directPort(), "64m", false);
        Proc.Result warm = psql(proxy.port(), "SELECT count(*) FROM generate_series(1, 100000)").run();
        assertThat(warm.exit()).as(warm.both()).isZero();
        baselineKib = ProcessMemory.rssKib(proxy.pid());
    }

    @AfterAll
    static void stopProxy() {
        if (proxy != null) proxy.close();
    }

    @Test
    void aGigabyteCopyToPsqlCompletesWithFlatMemory() throws Exception {
        String copy = "COPY (SELECT repeat('x', " + (ROW_BYTES - 1) + ") FROM generate_series(1, " + ROWS + ")) TO STDOUT";
        Proc.Result r;
        try (RssSampler rss = new RssSampler(proxy.pid())) {
            r = countBytes(proxy.port(), copy);
            report("COPY 1 GB -> psql", r, ROWS * ROW_BYTES, rss);
        }
        assertThat(r.exit()).as(r.both()).isZero();
        assertThat(r.stdout().trim()).isEqualTo(Long.toString(ROWS * ROW_BYTES));
        assertMemoryStayedFlat();
    }

    @Test
    void aMillionWideDataRowsStreamToPgjdbc() throws Exception {
        long bytes = 0;
        long rows = 0;
        long started = System.nanoTime();
        try (RssSampler rss = new RssSampler(proxy.pid()); Connection c = connect(proxy.port())) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT repeat('y', " + ROW_BYTES + ") FROM generate_series(1, " + ROWS + ")")) {
                ps.setFetchSize(2000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        bytes += rs.getBytes(1).length;
                        rows++;
                    }
                }
            }
            c.commit();
            reportNumbers("SELECT 1M x 1000 B -> pgjdbc", bytes, System.nanoTime() - started, rss);
        }
        assertThat(rows).isEqualTo(ROWS);
        assertThat(bytes).isEqualTo(ROWS * ROW_BYTES);
        assertMemoryStayedFlat();
    }

    @Test
    void messagesAsLargeAsTheProxyHeapStreamThrough() throws Exception {
        int huge = 64 * 1024 * 1024;
        try (RssSampler rss = new RssSampler(proxy.pid())) {
            Proc.Result r = countBytes(proxy.port(),
                    "COPY (SELECT repeat('z', " + (huge - 1) + ") FROM generate_series(1, 6)) TO STDOUT");
            report("COPY 6 x 64 MB CopyData -> psql", r, 6L * huge, rss);
            assertThat(r.exit()).as(r.both()).isZero();
            assertThat(r.stdout().trim()).isEqualTo(Long.toString(6L * huge));
        }
        try (Connection c = connect(proxy.port()); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.setFetchSize(1);
            long total = 0;
            try (ResultSet rs = s.executeQuery("SELECT repeat('w', " + huge + ") FROM generate_series(1, 3)")) {
                while (rs.next()) total += rs.getBytes(1).length;
            }
            c.commit();
            assertThat(total).as("three 64 MB DataRows").isEqualTo(3L * huge);
        }
        assertMemoryStayedFlat();
    }

    private static void assertMemoryStayedFlat() {
        assertThat(proxy.isAlive()).as("the capped proxy survived:\n" + proxy.stderr()).isTrue();
        long peak = ProcessMemory.peakRssKib(proxy.pid());
        assertThat(peak).as("proxy peak RSS (VmHWM) in KiB, baseline was %d", baselineKib).isLessThan(RSS_BOUND_KIB);
        assertThat(proxy.stderr()).as("proxy stderr").doesNotContain("OutOfMemoryError").doesNotContain("LEAK");
    }

    /** psql's output goes through {@code wc -c}, so the byte count is checked without keeping a gigabyte. */
    private static Proc.Result countBytes(int port, String sql) {
        return Proc.of("bash", "-c", "set -o pipefail; psql -X -v ON_ERROR_STOP=1 -c \"$SQL\" | wc -c")
                .env(libpq(port)).env(Map.of("SQL", sql)).timeout(Duration.ofMinutes(2)).run();
    }

    private static Proc psql(int port, String sql) {
        return Proc.of("psql", "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql).env(libpq(port))
                .timeout(Duration.ofSeconds(30));
    }

    private static Map<String, String> libpq(int port) {
        return Map.of("PGHOST", "127.0.0.1", "PGPORT", Integer.toString(port), "PGUSER", ItEnv.SUPERUSER,
                "PGDATABASE", "postgres", "PGSSLMODE", "disable", "PGCONNECT_TIMEOUT", "10", "PSQLRC", "/dev/null");
    }

    private static Connection connect(int port) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", ItEnv.SUPERUSER);
        p.setProperty("sslmode", "disable");
        p.setProperty("connectTimeout", "10");
        p.setProperty("socketTimeout", "120");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", p);
    }

    private static void report(String what, Proc.Result r, long bytes, RssSampler rss) {
        reportNumbers(what, bytes, r.took().toNanos(), rss);
    }

    private static void reportNumbers(String what, long bytes, long nanos, RssSampler rss) {
        double seconds = nanos / 1e9;
        System.out.printf(Locale.ROOT, "LARGE RESULT %s: %.0f MB in %.2f s = %.0f MB/s; proxy RSS baseline %d MiB, "
                        + "max sampled %d MiB (%d samples), VmHWM %d MiB%n", what, bytes / 1e6, seconds,
                bytes / 1e6 / seconds, baselineKib / 1024, rss.maxKib() / 1024, rss.samples(),
                ProcessMemory.peakRssKib(proxy.pid()) / 1024);
    }
}
