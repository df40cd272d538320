package org.pgaw.proxy.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.internal.PlatformDependent;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pgaw.proxy.testing.WireClient;

/**
 * Round 3, finding 7: a guarded session reads Bind (like Query and Parse) whole before it acts, up to
 * limits.max_frontend_message (64 MiB), and unlike Query and Parse no statement bound applied. A learner who sent
 * most of a 40 MB Bind in six sessions and stopped held 252 MiB of the proxy's memory, for as long as the sessions
 * lasted (no timer runs: nothing is in flight); 20 sessions per learner. Now every message a guarded session reads
 * whole is bounded by what an honest client sends: a Bind over 1 MiB is skipped as it arrives and answered with
 * ERROR 54000 (the session goes on), like an over-long Query or Parse.
 */
class PartialBindRound3Test {
    private static final int SESSIONS = 6;
    private static final int BIND_BYTES = 40 << 20;

    @Test
    void anIncompleteBindDoesNotHoldTheProxysMemory() throws Exception {
        try (Round3Setup setup = Round3Setup.start()) {
            long before = used();
            List<WireClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < SESSIONS; i++) {
                    WireClient c = new WireClient(new InetSocketAddress("127.0.0.1", setup.port()));
                    clients.add(c);
                    c.send(WireClient.startup(Round3Setup.LEARNER, "postgres"));
                    c.readUntilReady();
                    byte[] head = ByteBuffer.allocate(5).put((byte) 'B').putInt(BIND_BYTES + 4).array();
                    c.send(head);
                    byte[] chunk = new byte[1 << 20];
                    for (int k = 0; k < (BIND_BYTES >> 20) - 1; k++) c.send(chunk);
                }
                Thread.sleep(2000);
                long held = used() - before;
                System.err.println("round3: proxy memory held by " + SESSIONS + " incomplete Binds: " + (held >> 20) + " MiB");
                assertThat(held).as("bytes the proxy holds for incomplete Binds").isLessThan((long) SESSIONS * (4 << 20));
            } finally {
                for (WireClient c : clients) c.close();
            }
        }
    }

    @Test
    void aBindWithinTheBoundStillWorks() throws Exception {
        try (Round3Setup setup = Round3Setup.start();
             java.sql.Connection c = setup.learner();
             java.sql.PreparedStatement p = c.prepareStatement("SELECT length(?)")) {
            p.setString(1, "x".repeat(500_000));
            try (java.sql.ResultSet r = p.executeQuery()) {
                r.next();
                assertThat(r.getInt(1)).isEqualTo(500_000);
            }
        }
    }

    @Test
    void anOversizedBindIsRefusedAndTheSessionGoesOn() throws Exception {
        try (Round3Setup setup = Round3Setup.start();
             java.sql.Connection c = setup.learner();
             java.sql.PreparedStatement p = c.prepareStatement("SELECT length(?)")) {
            p.setString(1, "x".repeat(3_000_000));
            assertThatThrownBy(p::executeQuery).isInstanceOf(java.sql.SQLException.class)
                    .satisfies(e -> assertThat(((java.sql.SQLException) e).getSQLState()).isEqualTo("54000"));
            p.setString(1, "short");
            try (java.sql.ResultSet r = p.executeQuery()) {
                r.next();
                assertThat(r.getInt(1)).isEqualTo(5);
            }
        }
    }

    private static long used() {
        long direct = PlatformDependent.usedDirectMemory();
        var m = PooledByteBufAllocator.DEFAULT.metric();
        return Math.max(direct, 0) + m.usedHeapMemory() + (direct < 0 ? m.usedDirectMemory() : 0);
    }
}
