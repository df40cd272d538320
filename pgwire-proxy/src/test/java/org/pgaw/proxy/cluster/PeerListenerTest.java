package org.pgaw.proxy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.ops.ProxyMetrics;
import org.pgaw.proxy.session.Transport;

/** The peer endpoint on a real socket: only a correctly signed, fresh, first-seen message reaches the sessions. */
class PeerListenerTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef0123".getBytes(StandardCharsets.US_ASCII);
    private final PeerKey key = new PeerKey(SECRET);
    private final List<String> lookedUp = new CopyOnWriteArrayList<>();
    private EventLoopGroup group;
    private PeerListener listener;

    @BeforeEach
    void start() {
        Transport t = Transport.best();
        group = t.newGroup(1, "peer-test");
        listener = PeerListener.start(new HostPort("127.0.0.1", 0), group, t.serverChannel(), key, (pid, secret) -> {
            lookedUp.add(pid + ":" + java.util.HexFormat.of().formatHex(secret));
            return true;
        }, ProxyMetrics.create());
    }

    @AfterEach
    void stop() {
        listener.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aSignedCancelIsLookedUpOnceAndItsReplayIsIgnored() throws Exception {
        byte[] m = PeerCancel.fresh(321, 0x01020304).encode(key);
        send(m);
        send(m);
        Thread.sleep(300);
        assertThat(lookedUp).containsExactly("321:01020304");
    }

    @Test
    void forgedStaleOrOversizedMessagesReachNoSession() throws Exception {
        send(PeerCancel.fresh(1, 1).encode(new PeerKey("another-key-another-key-another-key".getBytes(StandardCharsets.US_ASCII))));
        send(new PeerCancel(System.currentTimeMillis() - 120_000, new byte[16], 2, 2).encode(key));
        byte[] tooLong = new byte[PeerCancel.LENGTH + 1];
        System.arraycopy(PeerCancel.fresh(3, 3).encode(key), 0, tooLong, 0, PeerCancel.LENGTH);
        send(tooLong);
        Thread.sleep(300);
        assertThat(lookedUp).isEmpty();
    }

    @Test
    void aSilentConnectionIsClosedWithinSeconds() throws Exception {
        try (Socket s = new Socket("127.0.0.1", listener.address().getPort())) {
            s.setSoTimeout(6000);
            long t0 = System.nanoTime();
            assertThat(s.getInputStream().read()).isEqualTo(-1);
            assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(2000L, 5500L);
        }
    }

    private void send(byte[] bytes) throws Exception {
        try (Socket s = new Socket("127.0.0.1", listener.address().getPort())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            assertThat(in.read()).as("the listener answers nothing and closes").isEqualTo(-1);
        } catch (java.net.SocketException reset) {
            // closed while we still wrote (the oversized message): as good as a close
        }
    }
}
