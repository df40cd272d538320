package org.pgaw.proxy.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.pgaw.proxy.testing.PasswordRoles;
import org.pgaw.proxy.testing.WireClient;

/**
 * Promise P: the proxy cannot be taken down. Memory is bounded per session (statement and portal names) and before
 * authentication (nothing but startup and authentication messages of PostgreSQL's own sizes); no input costs the
 * event loop more than linear time (other sessions' {@code SELECT 1} stays fast while an attacker feeds megabyte
 * statements).
 */
class ProxyDosAttackTest {
    private static final int NAME_BYTES = 2 * 1024 * 1024;

    @Test
    void hugeStatementAndPortalNamesDoNotGrowTheHeap() throws Exception {
        AttackProxy.address();
        long before = usedHeapAfterGc();
        try (Wire w = Wire.learner()) {
            int refused = 0;
            for (int i = 0; i < 24; i++) {
                String name = (char) ('a' + i % 26) + "n".repeat(NAME_BYTES);
                List<Result> r = w.send(Pg.parse(name, "SELECT 1"), Pg.bind(name.replace('n', 'p'), name),
                        Pg.sync()).untilReady();
                if (r.stream().anyMatch(Result::isError)) refused++;
            }
            long grown = usedHeapAfterGc() - before;
            assertThat(grown).as("P: heap growth while one session holds 24 statements and portals with 2 MB names"
                    + " (%d of them refused)", refused).isLessThan(24L * 1024 * 1024);
            Promises.alive("huge names", w);
        }
    }

    @Test
    void aHugeMessageBeforeAuthenticationIsRefusedWithoutBuffering() throws Exception {
        // it_scram must authenticate with a password: the proxy waits for a SASL message. Send a Query header that
        // announces 60 MB instead, and only 1 kB of it: the proxy must not wait for (or buffer) the rest.
        try (Socket s = new Socket("127.0.0.1", AttackProxy.address().getPort())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(WireClient.startup(PasswordRoles.SCRAM_USER, AttackDb.DATABASE));
            out.flush();
            InputStream in = s.getInputStream();
            int tag = in.read();
            assertThat((char) tag).as("authentication request").isEqualTo('R');
            int len = ByteBuffer.wrap(in.readNBytes(4)).getInt();
            in.readNBytes(len - 4);
            out.write(ByteBuffer.allocate(5).put((byte) 'Q').putInt(60 * 1024 * 1024).array());
            out.write(new byte[1024]);
            out.flush();
            long t0 = System.nanoTime();
            byte[] reply = readUntilClosed(in);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(new String(reply, java.nio.charset.StandardCharsets.ISO_8859_1))
                    .as("P: FATAL 08P01 for a non-authentication message before authentication").contains("08P01");
            assertThat(ms).as("and at once, not after waiting for the announced 60 MB").isLessThan(3000);
        }
    }

    @Test
    void anOversizedStartupPacketIsRefused() throws Exception {
        try (Socket s = new Socket("127.0.0.1", AttackProxy.address().getPort())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(ByteBuffer.allocate(8).putInt(64 * 1024 * 1024).putInt(196608).array());
            s.getOutputStream().write(new byte[4096]);
            s.getOutputStream().flush();
            long t0 = System.nanoTime();
            readUntilClosed(s.getInputStream());
            assertThat((System.nanoTime() - t0) / 1_000_000).as("P: closed at once").isLessThan(3000);
        }
    }

    @Test
    void megabyteStatementsDoNotStallOtherSessions() throws Exception {
        List<String> poisons = List.of(
                "FETCH " + "a".repeat(1000) + "!;",
                "/*",
                "(",
                "'",
                "$a$ $b$ ",
                "E'\\\\",
                "U&\"a",
                "SELECT 1 LIMIT LIMIT ",
                "DECLARE a CURSOR FOR ",
                "-- \n",
                "\"a\"\"",
                "/* */ ",
                "FETCH FORWARD ");
        AtomicBoolean stop = new AtomicBoolean();
        int attackerCount = 4;
        List<Thread> attackers = new ArrayList<>();
        List<Wire> attackerWires = new ArrayList<>();
        List<Throwable> attackerErrors = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> answered = new java.util.concurrent.CopyOnWriteArrayList<>();
        long[] inFlightSince = new long[attackerCount];
        String[] inFlight = new String[attackerCount];
        // Sessions are spread over the proxy's event loops: victims and attackers interleaved, so that every loop
        // that carries a victim carries attackers too.
        List<Wire> victims = new ArrayList<>();
        try {
            for (int t = 0; t < attackerCount; t++) {
                if (t % 2 == 0) victims.add(Wire.learner());
                Wire attacker = Wire.learner();
                attackerWires.add(attacker);
                int me = t;
                Thread th = new Thread(() -> {
                    try {
                        for (int i = me; !stop.get(); i++) {
                            String unit = poisons.get(i % poisons.size());
                            String sql = unit.repeat(Math.max(1, 1024 * 1024 / unit.length()));
                            inFlight[me] = unit.trim();
                            inFlightSince[me] = System.nanoTime();
                            attacker.simple(sql);
                            answered.add(unit.trim() + " " + (System.nanoTime() - inFlightSince[me]) / 1_000_000 + " ms");
                            inFlightSince[me] = 0;
                        }
                    } catch (Throwable e) {
                        if (!stop.get()) attackerErrors.add(e);
                    }
                }, "attacker-" + t);
                th.setDaemon(true);
                attackers.add(th);
            }
            for (Wire v : victims) v.one("SELECT 1");
            attackers.forEach(Thread::start);
            Thread.sleep(300);
            List<Long> lat = new ArrayList<>();
            long until = System.nanoTime() + Duration.ofSeconds(6).toNanos();
            for (int i = 0; System.nanoTime() < until; i++) {
                Wire victim = victims.get(i % victims.size());
                long t0 = System.nanoTime();
                Result r = victim.one("SELECT 1");
                lat.add((System.nanoTime() - t0) / 1_000_000);
                assertThat(r.dataRows()).isEqualTo(1);
                Thread.sleep(25);
            }
            long now = System.nanoTime();
            List<String> stuck = new ArrayList<>();
            for (int t = 0; t < attackerCount; t++) {
                if (inFlightSince[t] != 0 && now - inFlightSince[t] > Duration.ofSeconds(3).toNanos()) {
                    stuck.add("'" + inFlight[t] + "' x 1 MB for " + (now - inFlightSince[t]) / 1_000_000 + " ms");
                }
            }
            lat.sort(null);
            long median = lat.get(lat.size() / 2);
            long max = lat.get(lat.size() - 1);
            System.out.println("[attack] SELECT 1 latency under megabyte poison statements: median " + median
                    + " ms, max " + max + " ms over " + lat.size() + " samples; poison statements answered: " + answered
                    + "; still running: " + stuck);
            assertThat(median).as("P: median SELECT 1 latency of other sessions, ms").isLessThan(50);
            assertThat(max).as("P: worst SELECT 1 latency of other sessions, ms").isLessThan(1000);
            assertThat(stuck).as("P: a 1 MB statement is answered in linear time (seconds at most); answered: %s",
                    answered).isEmpty();
        } finally {
            stop.set(true);
            for (Wire w : attackerWires) w.close(); // unblocks attackers waiting for an answer
            for (Thread t : attackers) t.join(5_000);
            for (Wire v : victims) v.close();
        }
        assertThat(attackerErrors).as("the attackers' sessions got answers (errors from PostgreSQL are fine)").isEmpty();
    }

    private static byte[] readUntilClosed(InputStream in) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) b.write(buf, 0, n);
        } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError("the proxy kept the connection open for 5 s; got " + b.size() + " bytes");
        } catch (java.io.IOException e) {
            // reset: closed
        }
        return b.toByteArray();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        var mem = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return mem.getHeapMemoryUsage().getUsed();
    }
}
