package org.pgaw.proxy.cluster;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.List;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.ops.ProxyMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a CancelRequest this proxy has no session for to every peer, signed (see {@link PeerCancel}). Only a
 * client's CancelRequest is forwarded, never a peer's, and at most 100 a second (bursts of 50): a flood of made-up
 * keys costs the peers no more than that. Each peer address gets its own short connection (2 s to connect); a
 * name standing for several proxies reaches them all ({@link PeerAddresses}).
 */
public final class PeerForwarder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PeerForwarder.class);
    private final PeerAddresses peers;
    private final PeerKey key;
    private final Class<? extends Channel> channelType;
    private final ProxyMetrics metrics;
    private final RateLimit rate = new RateLimit(100, 50);

    public PeerForwarder(List<HostPort> peers, PeerKey key, Class<? extends Channel> channelType, ProxyMetrics metrics) {
        this.peers = new PeerAddresses(peers);
        this.key = key;
        this.channelType = channelType;
        this.metrics = metrics;
    }

    public void forward(EventLoop loop, int pid, int secret) {
        List<InetSocketAddress> targets = peers.current();
        if (targets.isEmpty()) return;
        if (!rate.tryTake()) {
            metrics.cancelRequest("peer_forward_rate_limited");
            return;
        }
        metrics.cancelRequest("peer_forwarded");
        byte[] signed = PeerCancel.fresh(pid, secret).encode(key);
        for (InetSocketAddress peer : targets) {
            new Bootstrap().group(loop).channel(channelType)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
                    .handler(new ChannelInboundHandlerAdapter())
                    .connect(peer)
                    .addListener((ChannelFutureListener) f -> {
                        if (!f.isSuccess()) {
                            log.warn("could not forward a cancel to peer {}: {}", peer, f.cause().toString());
                            return;
                        }
                        f.channel().writeAndFlush(Unpooled.wrappedBuffer(signed)).addListener(ChannelFutureListener.CLOSE);
                    });
        }
    }

    @Override
    public void close() {
        peers.close();
    }
}
