package org.pgaw.proxy.cluster;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import org.pgaw.proxy.config.ProxyConfig;
import org.pgaw.proxy.ops.ProxyMetrics;

/**
 * What a proxy needs beyond one PostgreSQL and itself: the standby pool with its health probe, and the peer channel
 * for cancels. With neither configured it routes everything to {@code backend} and forwards nothing.
 */
public final class ClusterServices implements AutoCloseable {
    private final ProxyConfig config;
    private final StandbyPool pool;
    private final PeerKey key;
    private final PeerForwarder forwarder;
    private StandbyHealth health;
    private PeerListener listener;

    public ClusterServices(ProxyConfig config, Class<? extends Channel> socketChannel, ProxyMetrics metrics) {
        this.config = config;
        this.pool = new StandbyPool(config.backend(), config.backendStandbys().hosts());
        this.key = config.cluster().secretFile() == null ? null : PeerKey.fromFile(config.cluster().secretFile());
        this.forwarder = key == null || config.cluster().peers().isEmpty() ? null
                : new PeerForwarder(config.cluster().peers(), key, socketChannel, metrics);
    }

    /** Starts the health probe and the peer listener (which binds cluster.listen; it throws when it cannot). */
    public void start(EventLoopGroup group, Class<? extends ServerChannel> serverChannel, LocalCancels cancels,
                      ProxyMetrics metrics, boolean backendTls) {
        // The listener first: when its port is taken, start fails with no probe thread left behind.
        if (key != null && config.cluster().listen() != null) {
            listener = PeerListener.start(config.cluster().listen(), group, serverChannel, key, cancels, metrics);
        }
        if (pool.hasStandbys()) {
            health = new StandbyHealth(pool, config.backendStandbys(), backendTls);
            health.start();
        }
    }

    public StandbyPool pool() { return pool; }

    /** Null when there are no peers to forward to. */
    public PeerForwarder forwarder() { return forwarder; }

    /** The peer endpoint's address, or null when off. */
    public java.net.InetSocketAddress peerAddress() { return listener == null ? null : listener.address(); }

    @Override
    public void close() {
        if (listener != null) listener.close();
        if (health != null) health.close();
        if (forwarder != null) forwarder.close();
    }
}
