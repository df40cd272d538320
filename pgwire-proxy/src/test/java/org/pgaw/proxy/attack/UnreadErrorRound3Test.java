package org.pgaw.proxy.attack;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.internal.PlatformDependent;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pgaw.proxy.testing.WireClient;

/**
 * Round 3, finding 14: the proxy read an ErrorResponse whole (to shorten it to the byte budget and to map its
 * position), up to 64 MiB, and PostgreSQL quotes the failing value in it: {@code SELECT repeat('x', 40000000)::int}
 * is a 40 MB error. A learner whose sessions send it and never read hold that much of the proxy's memory each, in
 * the session's outbound buffer, after the statement ended (so the fair share does not hold them back): 252 MiB for
 * six sessions. An error over 1 MiB is now cut to its head while it arrives; the learner still reads it.
 */
class UnreadErrorRound3Test {
    private static final int SESSIONS = 6;

    @Test
    void unreadHugeErrorsDoNotHoldTheProxysMemory() throws Exception {
        try (Round3Setup setup = Round3Setup.start()) {
            long before = used();
            List<WireClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < SESSIONS; i++) {
                    WireClient c = new WireClient(new InetSocketAddress("127.0.0.1", setup.port()));
                    clients.add(c);
                    c.send(WireClient.startup(Round3Setup.LEARNER, "postgres"));
                    c.readUntilReady();
                    c.send(query("SELECT repeat('x', 40000000)::int"));
                }
                Thread.sleep(8000);
                long held = used() - before;
                System.err.println("round3: proxy memory held by " + SESSIONS + " unread errors: " + (held >> 20) + " MiB");
                assertThat(held).as("bytes the proxy holds for unread errors").isLessThan((long) SESSIONS * (8 << 20));
            } finally {
                for (WireClient c : clients) c.close();
            }
        }
    }

    @Test
    void theLearnerStillReadsTheStartOfAHugeError() throws Exception {
        try (Round3Setup setup = Round3Setup.start();
             WireClient c = new WireClient(new InetSocketAddress("127.0.0.1", setup.port()))) {
            c.send(WireClient.startup(Round3Setup.LEARNER, "postgres"));
            c.readUntilReady();
            c.send(query("SELECT repeat('x', 5000000)::int"));
            WireClient.Message m = c.read();
            assertThat(m.tag()).isEqualTo('E');
            assertThat(m.fields().get('C')).isEqualTo("22P02");
            assertThat(m.fields().get('S')).isEqualTo("ERROR");
            assertThat(m.fields().get('M')).startsWith("invalid input syntax for type integer: \"xxx")
                    .endsWith("it was too long)");
            assertThat(m.body().length).isLessThan(1 << 20);
            assertThat(c.readUntilReady()).isNotNull();
            c.send(query("SELECT 1"));
            assertThat(c.read().tag()).isEqualTo('T');
        }
    }

    private static byte[] query(String sql) {
        byte[] text = sql.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 4 + text.length + 1).put((byte) 'Q').putInt(4 + text.length + 1).put(text)
                .put((byte) 0).array();
    }

    private static long used() {
        long direct = PlatformDependent.usedDirectMemory();
        var m = PooledByteBufAllocator.DEFAULT.metric();
        return Math.max(direct, 0) + m.usedHeapMemory() + (direct < 0 ? m.usedDirectMemory() : 0);
    }
}
