package org.pgaw.proxy.cluster;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.ops.ProxyMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts cancels forwarded by the other proxies ({@code cluster.listen}): one {@link PeerCancel} per connection,
 * then the connection closes. Bounded: 64 connections at once, 3 s to send the 72 bytes, more bytes close it, and
 * at most 200 messages a second (bursts of 100) are even looked at. A message must carry a valid MAC, a time within
 * 30 s and a nonce not seen before; then its key is checked against this proxy's sessions like a client's
 * CancelRequest. It is never forwarded again (no loops, no amplification).
 */
public final class PeerListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PeerListener.class);
    static final int MAX_CONNECTIONS = 64;
    static final long SLACK_MILLIS = 30_000;

    private final Channel channel;

    private PeerListener(Channel channel) {
        this.channel = channel;
    }

    public static PeerListener start(HostPort at, EventLoopGroup group, Class<? extends ServerChannel> channelType,
                                     PeerKey key, LocalCancels cancels, ProxyMetrics metrics) {
        AtomicInteger open = new AtomicInteger();
        RateLimit rate = new RateLimit(200, 100);
        NonceWindow nonces = new NonceWindow(SLACK_MILLIS, 100_000);
        Channel ch = new ServerBootstrap().group(group).channel(channelType)
                .childOption(ChannelOption.AUTO_READ, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        if (open.incrementAndGet() > MAX_CONNECTIONS) {
                            open.decrementAndGet();
                            metrics.cancelRequest("peer_refused");
                            c.close();
                            return;
                        }
                        c.closeFuture().addListener(f -> open.decrementAndGet());
                        c.pipeline().addLast(new ReadTimeoutHandler(3));
                        c.pipeline().addLast(new Reader(key, cancels, metrics, rate, nonces));
                    }
                })
                .bind(at.host(), at.port()).syncUninterruptibly().channel();
        log.info("accepting forwarded cancels from peers on {}", ch.localAddress());
        return new PeerListener(ch);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    /** Collects exactly one message; anything more or less closes the connection without an answer. */
    private static final class Reader extends ChannelInboundHandlerAdapter {
        private final PeerKey key;
        private final LocalCancels cancels;
        private final ProxyMetrics metrics;
        private final RateLimit rate;
        private final NonceWindow nonces;
        private final byte[] message = new byte[PeerCancel.LENGTH];
        private int filled;

        Reader(PeerKey key, LocalCancels cancels, ProxyMetrics metrics, RateLimit rate, NonceWindow nonces) {
            this.key = key;
            this.cancels = cancels;
            this.metrics = metrics;
            this.rate = rate;
            this.nonces = nonces;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                ByteBuf in = (ByteBuf) msg;
                if (filled + in.readableBytes() > PeerCancel.LENGTH) {
                    metrics.cancelRequest("peer_bad");
                    ctx.close();
                    return;
                }
                int n = in.readableBytes();
                in.readBytes(message, filled, n);
                filled += n;
            } finally {
                ReferenceCountUtil.release(msg);
            }
            if (filled == PeerCancel.LENGTH) {
                handle();
                ctx.close();
            }
        }

        private void handle() {
            if (!rate.tryTake()) {
                metrics.cancelRequest("peer_rate_limited");
                return;
            }
            PeerCancel c = PeerCancel.decode(message, key);
            if (c == null || !nonces.accept(c.sentAtMillis(), c.nonce(), System.currentTimeMillis())) {
                metrics.cancelRequest("peer_bad");
                log.debug("refused a forwarded cancel: bad signature, stale or replayed");
                return;
            }
            byte[] secret = {(byte) (c.secret() >>> 24), (byte) (c.secret() >>> 16), (byte) (c.secret() >>> 8), (byte) c.secret()};
            metrics.cancelRequest(cancels.cancel(c.pid(), secret) ? "peer_matched" : "peer_no_session");
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
