package org.pgaw.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgaw.proxy.session.FaultRig.login;
import static org.pgaw.proxy.testing.BackendMessages.commandComplete;
import static org.pgaw.proxy.testing.BackendMessages.errorResponse;
import static org.pgaw.proxy.testing.BackendMessages.header;
import static org.pgaw.proxy.testing.BackendMessages.message;
import static org.pgaw.proxy.testing.BackendMessages.readyForQuery;
import static org.pgaw.proxy.testing.BackendMessages.rowDescription;
import static org.pgaw.proxy.testing.WireClient.concat;
import static org.pgaw.proxy.testing.WireClient.query;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pgaw.proxy.testing.FakeBackend;
import org.pgaw.proxy.testing.WireClient;

/**
 * Slow and vanishing clients against a {@link FakeBackend} that streams large results: the proxy must stop reading
 * the backend instead of buffering (DESIGN §3 "Backpressure end to end"), deliver every byte once the client
 * reads, and cancel and close the backend when the client goes away.
 */
class ClientFaultsTest {
    private static final int MIB = 1 << 20;
    /** A DataRow message of exactly 8 KiB: one text column whose value starts with the row's number. */
    private static final int ROW = 8192;
    private static final int ROWS_PER_CHUNK = MIB / ROW;
    /**
     * What may sit between the fake backend and the client when nobody reads: socket buffers and a bounded rest.
     * Measured on loopback: 8 MiB.
     */
    private static final long STALL_BOUND = 64L * MIB;

    private FaultRig rig;

    @BeforeEach
    void start() throws Exception {
        rig = new FaultRig();
    }

    @AfterEach
    void stop() throws Exception {
        rig.close();
    }

    /** 1 MiB of numbered 8 KiB DataRows; {@link #number} renumbers it in place for the next write. */
    private static byte[] rowChunk() {
        ByteBuffer b = ByteBuffer.allocate(MIB);
        byte[] filler = new byte[ROW - 15];
        Arrays.fill(filler, (byte) 'r');
        for (int i = 0; i < ROWS_PER_CHUNK; i++) {
            b.put((byte) 'D').putInt(ROW - 1).putShort((short) 1).putInt(ROW - 11).putInt(0).put(filler);
        }
        return b.array();
    }

    private static byte[] number(byte[] chunk, int chunkIndex) {
        ByteBuffer b = ByteBuffer.wrap(chunk);
        for (int i = 0; i < ROWS_PER_CHUNK; i++) b.putInt(i * ROW + 11, chunkIndex * ROWS_PER_CHUNK + i);
        return chunk;
    }

    /** Waits until the fake's byte count stops moving for {@code quietMillis}, and returns it. */
    private static long stalledAt(FakeBackend.Conn b, long quietMillis) throws InterruptedException {
        long before = -1;
        long now = b.written.get();
        while (now != before) {
            Thread.sleep(quietMillis);
            before = now;
            now = b.written.get();
        }
        return now;
    }

    private static long proxyDirectMemory() {
        return ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider p ? p.metric().usedDirectMemory() : -1;
    }

    @Test
    void aClientThatReadsNothingStallsA512MiBResultAtTheBackendThenGetsEveryRowInOrder() throws Exception {
        int chunks = 512;
        byte[] head = rowDescription("payload");
        byte[] tail = concat(commandComplete("SELECT " + chunks * ROWS_PER_CHUNK), readyForQuery('I'));
        rig.fake.then(c -> {
            c.expectQuery();
            c.write(head);
            byte[] chunk = rowChunk();
            for (int k = 0; k < chunks; k++) c.write(number(chunk, k));
            c.write(tail);
        });
        WireClient c = rig.client();
        login(c);
        FakeBackend.Conn b = rig.fake.nextSession(5000);
        long directBefore = proxyDirectMemory();
        c.send(query("SELECT payload FROM big"));
        Thread.sleep(3000); // the client reads nothing

        long stalled = stalledAt(b, 500);
        assertThat(stalled).as("bytes the backend got rid of while the client read nothing").isLessThan(STALL_BOUND);
        long direct = proxyDirectMemory();
        // Measured: about 1 MiB (the read buffers and the 256 KiB write watermark); without backpressure, 512 MiB.
        if (direct >= 0) assertThat(direct - directBefore).as("proxy direct memory growth").isLessThan(16L * MIB);

        long expectedBytes = head.length + (long) chunks * MIB + tail.length;
        assertThat(c.read().tag()).isEqualTo('T');
        long bytes = head.length;
        int rows = 0;
        WireClient.Message h;
        while ((h = c.readHeader()).tag() == 'D') {
            int length = h.intAt(0);
            assertThat(length).isEqualTo(ROW - 1);
            ByteBuffer start = ByteBuffer.wrap(c.readBytes(10));
            assertThat(start.getInt(6)).as("row number").isEqualTo(rows);
            c.skipBytes(length - 4 - 10);
            bytes += 1 + length;
            rows++;
        }
        assertThat(rows).isEqualTo(chunks * ROWS_PER_CHUNK);
        assertThat(h.tag()).isEqualTo('C');
        c.skipBytes(h.intAt(0) - 4);
        assertThat(c.read().tag()).isEqualTo('Z');
        bytes += tail.length;
        assertThat(bytes).isEqualTo(expectedBytes);
    }

    @Test
    void aClientThatReadsNothingStallsASingle256MiBDataRowAtTheBackend() throws Exception {
        // One message far over the 64 KiB the proxy holds whole: it streams in pieces, and the pieces obey backpressure.
        int chunks = 256;
        byte[] head = concat(rowDescription("blob"), header('D', 4 + 2 + 4 + chunks * MIB),
                ByteBuffer.allocate(6).putShort((short) 1).putInt(chunks * MIB).array());
        byte[] tail = concat(commandComplete("SELECT 1"), readyForQuery('I'));
        rig.fake.then(c -> {
            c.expectQuery();
            c.write(head);
            byte[] chunk = new byte[MIB];
            Arrays.fill(chunk, (byte) 'b');
            for (int k = 0; k < chunks; k++) c.write(chunk);
            c.write(tail);
        });
        WireClient c = rig.client();
        login(c);
        FakeBackend.Conn b = rig.fake.nextSession(5000);
        c.send(query("SELECT blob FROM files"));
        Thread.sleep(3000);
        assertThat(stalledAt(b, 500)).isLessThan(STALL_BOUND);

        assertThat(c.read().tag()).isEqualTo('T');
        WireClient.Message h = c.readHeader();
        assertThat(h.tag()).isEqualTo('D');
        assertThat(h.intAt(0)).isEqualTo(4 + 2 + 4 + chunks * MIB);
        c.skipBytes(h.intAt(0) - 4L);
        assertThat(c.readUntilReady()).isEqualTo("CZ");
    }

    @Test
    void aBackendThatDiesWhileTheClientIsSlowStillDeliversEveryCompleteRowThenTheFatal() throws Exception {
        rig.fake.then(c -> {
            c.expectQuery();
            Thread writer = new Thread(() -> {
                try {
                    c.write(rowDescription("payload"));
                    byte[] chunk = rowChunk();
                    for (int k = 0; k < 256; k++) c.write(number(chunk, k));
                } catch (java.io.IOException expected) {
                    // the socket was closed under the blocked write: the backend "died"
                }
            });
            writer.start();
            stalledAt(c, 500);
            c.close(); // mid-row, almost surely: a blocked write stops anywhere
            writer.join(5000);
        });
        WireClient c = rig.client();
        login(c);
        FakeBackend.Conn b = rig.fake.nextSession(5000);
        c.send(query("SELECT payload FROM big"));
        assertThat(b.awaitEnd(20_000)).as("the fake backend died").isTrue();

        assertThat(c.read().tag()).isEqualTo('T');
        int rows = 0;
        WireClient.Message m;
        while ((m = c.read()).tag() == 'D') {
            assertThat(m.body().length).isEqualTo(ROW - 5);
            assertThat(ByteBuffer.wrap(m.body()).getInt(6)).as("row number").isEqualTo(rows);
            rows++;
        }
        assertThat(rows).as("rows delivered").isPositive();
        assertThat((long) rows * ROW).isLessThanOrEqualTo(b.written.get() + MIB);
        assertThat(m.tag()).isEqualTo('E');
        assertThat(m.fields()).containsEntry('S', "FATAL").containsEntry('C', "08006");
        assertThat(c.closedWithin(2000)).isTrue();
    }

    @Test
    void aBackendsOwnFatalReachesASlowClientAfterEveryRow() throws Exception {
        // pg_terminate_backend or a server restart while the client is still reading a result: the rows already
        // sent and the backend's FATAL are the client's, however slowly it reads them.
        int chunks = 24;
        byte[] fatal = errorResponse("FATAL", "57P01", "terminating connection due to administrator command");
        rig.fake.then(c -> {
            c.expectQuery();
            c.write(rowDescription("payload"));
            byte[] chunk = rowChunk();
            for (int k = 0; k < chunks; k++) c.write(number(chunk, k));
            c.write(fatal);
            c.close();
        });
        WireClient c = rig.client();
        login(c);
        c.send(query("SELECT payload FROM big"));
        Thread.sleep(1000); // the buffers on the way fill up

        assertThat(c.read().tag()).isEqualTo('T');
        int rows = 0;
        WireClient.Message m;
        while ((m = c.read()).tag() == 'D') {
            assertThat(ByteBuffer.wrap(m.body()).getInt(6)).as("row number").isEqualTo(rows);
            rows++;
            if (rows % 8 == 0) Thread.sleep(3); // a slow reader: about 20 MB/s
        }
        assertThat(rows).isEqualTo(chunks * ROWS_PER_CHUNK);
        assertThat(message('E', m.body())).isEqualTo(fatal);
        assertThat(c.readByte()).isEqualTo(-1);
    }

    @Test
    void aClientThatSendsGarbageMidQueryGetsAFatalAndItsQueryIsCancelled() throws Exception {
        // Dropping the backend socket does not stop a running query (REFERENCE B.8): a client the proxy throws out
        // for a protocol violation leaves it running unless the proxy cancels it, as for a client that vanished.
        rig.fake.then(c -> {
            c.expectQuery(); // and never answers: the statement runs
            c.awaitEnd(10_000);
        });
        WireClient c = rig.client();
        login(c);
        FakeBackend.Conn b = rig.fake.nextSession(5000);
        c.send(query("SELECT count(*) FROM a, b, c"));
        Thread.sleep(200);
        c.send(header('Q', -16)); // a Query of 4 GiB
        WireClient.Message e = c.read();
        assertThat(e.fields()).containsEntry('S', "FATAL").containsEntry('C', "08P01");
        assertThat(c.closedWithin(2000)).isTrue();
        assertThat(rig.fake.nextCancel(5000)).as("the running query is cancelled")
                .isEqualTo(new FakeBackend.Cancel(b.pid, b.secret));
        assertThat(b.awaitEnd(5000)).isTrue();
    }

    @ParameterizedTest(name = "reset={0}")
    @ValueSource(booleans = {false, true})
    void aClientThatVanishesMidStreamHasItsQueryCancelledAndItsBackendClosedQuietly(boolean reset) throws Exception {
        rig.fake.then(c -> {
            c.expectQuery();
            c.write(rowDescription("payload"));
            byte[] chunk = rowChunk();
            for (int k = 0; k < 1024; k++) c.write(number(chunk, k)); // ends with an IOException once closed
        });
        WireClient c = rig.client();
        WireClient.Message key = login(c);
        FakeBackend.Conn b = rig.fake.nextSession(5000);
        assertThat(key.intAt(0)).as("the client sees the real pid").isEqualTo(b.pid);
        assertThat(key.intAt(4)).as("but not the real secret").isNotEqualTo(b.secret);

        c.send(query("SELECT payload FROM big"));
        assertThat(c.read().tag()).isEqualTo('T');
        for (int i = 0; i < 100; i++) assertThat(c.read().tag()).isEqualTo('D');
        if (reset) c.resetOnClose();
        c.close();

        FakeBackend.Cancel cancel = rig.fake.nextCancel(5000);
        assertThat(cancel).as("a CancelRequest with the real key, on a new connection")
                .isEqualTo(new FakeBackend.Cancel(b.pid, b.secret));
        assertThat(b.awaitEnd(5000)).as("the backend connection was closed").isTrue();
        assertThat(b.drainReceived()).as("after the Query, at most a Terminate")
                .allSatisfy(r -> assertThat(r.tag()).isEqualTo('X')).hasSizeLessThanOrEqualTo(1);
        assertThat(rig.fake.nextCancel(300)).as("one cancel only").isNull();
        assertThat(rig.warningsAndStackTraces()).isEmpty();
    }
}
