package org.pgaw.proxy.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pgaw.proxy.testing.WireClient;

/**
 * Round 2, class: what one guarded session can make the proxy or its PostgreSQL backend hold is bounded by count
 * (1,000 remembered statements) or not at all, never by size. Both need the session (GuardRequests) to change.
 */
class SessionMemoryRound2Test {
    private static final String LITERAL = "x".repeat(60_000); // under max_statement_bytes (64 KiB)

    private static Round2Proxy proxy;

    @BeforeAll
    static void start() {
        proxy = Round2Proxy.start();
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    /**
     * GuardRequests remembers up to 1,000 named statements per session with their whole StatementRewrite, whose
     * {@code sql} (and position map) is the statement's text: 1,000 Parses of 60 KB retained +120 MiB of the demo
     * proxy's heap for ONE session; a learner may open 20, the stack's proxy has a 384 MiB heap and exits on
     * OutOfMemoryError, ending every learner's session.
     */
    @Test
    void namedStatementsDoNotMakeTheProxyHoldTheirText() throws IOException {
        long before = retainedHeap();
        try (WireClient c = learner()) {
            for (int batch = 0; batch < 20; batch++) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (int i = 0; i < 50; i++) {
                    int n = batch * 50 + i;
                    out.writeBytes(parse("s" + n, "SELECT '" + LITERAL + n + "' AS v"));
                }
                out.writeBytes(new byte[] {'S', 0, 0, 0, 4});
                c.send(out.toByteArray());
                c.readUntilReady();
            }
            long grown = retainedHeap() - before;
            assertThat(grown).as("proxy heap held for one session's 1,000 named 60 KB statements")
                    .isLessThan(24L * 1024 * 1024);
        }
    }

    /**
     * PostgreSQL keeps every SQL-prepared (and protocol-named) statement's text and parse tree for the session's
     * life: measured on the demo, +180 KB of backend memory per 60 KB PREPARE, 288 MB after 1,500, no limit; with 20
     * sessions per learner that is the database server's memory. The session should refuse (with a clear ERROR) a
     * PREPARE / named Parse beyond a bound on live statements (count and total text), tracking DEALLOCATE / Close.
     */
    @Test
    void preparedStatementsCannotGrowTheBackendWithoutBound() throws IOException {
        try (WireClient c = learner()) {
            long pid = Long.parseLong(singleValue(c, "SELECT pg_backend_pid()"));
            long before = backendRssKb(pid);
            int refused = 0;
            for (int i = 0; i < 300 && refused == 0; i++) {
                c.send(WireClient.query("PREPARE p" + i + " AS SELECT '" + LITERAL + "' AS v"));
                WireClient.Message m;
                do {
                    m = c.read();
                    if (m.tag() == 'E' && String.valueOf(m.fields().get('M')).startsWith("pgaw:")) refused++;
                } while (m.tag() != 'Z');
            }
            long grownKb = backendRssKb(pid) - before;
            assertThat(refused > 0 || grownKb < 32 * 1024)
                    .as("300 PREPAREs of 60 KB: none refused and the backend grew by %d kB", grownKb).isTrue();
        }
    }

    private static String singleValue(WireClient c, String sql) throws IOException {
        c.send(WireClient.query(sql));
        String value = null;
        WireClient.Message m;
        do {
            m = c.read();
            if (m.tag() == 'D') value = dataRowText(m);
        } while (m.tag() != 'Z');
        return value;
    }

    /** The backend's resident memory (Linux /proc; the embedded PostgreSQL runs on this machine). */
    private static long backendRssKb(long pid) throws IOException {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
        throw new IllegalStateException("no VmRSS for backend " + pid);
    }

    private static WireClient learner() throws IOException {
        WireClient c = new WireClient(proxy.address());
        c.send(WireClient.startup(Round2Proxy.LEARNER, "postgres"));
        c.readUntilReady();
        return c;
    }

    private static byte[] parse(String name, String sql) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] s = sql.getBytes(StandardCharsets.UTF_8);
        int len = 4 + n.length + 1 + s.length + 1 + 2;
        return ByteBuffer.allocate(1 + len).put((byte) 'P').putInt(len).put(n).put((byte) 0).put(s).put((byte) 0)
                .putShort((short) 0).array();
    }

    private static String dataRowText(WireClient.Message m) {
        int len = m.intAt(2);
        return new String(m.body(), 6, len, StandardCharsets.UTF_8);
    }

    private static long retainedHeap() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
