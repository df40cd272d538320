package org.pgaw.proxy.ops;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.pgaw.proxy.config.HostPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP endpoint: {@code GET /health} (200 "ok" while the proxy accepts connections, 503 "draining" once
 * it stops) and {@code GET /metrics} (Prometheus text format); anything else is 404.
 *
 * <p>It is small and bounded so that it can never hurt the proxy: one event-loop thread of its own, at most
 * {@value #MAX_CONNECTIONS} connections, request line 4 KiB, headers 8 KiB, body 1 KiB, a connection silent for
 * {@link #READ_TIMEOUT} or older than {@link #MAX_CONNECTION_AGE} is closed. It listens on loopback by default.
 */
public final class AdminServer implements AutoCloseable {
    static final int MAX_CONNECTIONS = 16;
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    static final Duration MAX_CONNECTION_AGE = Duration.ofSeconds(60);
    private static final int MAX_INITIAL_LINE = 4096;
    private static final int MAX_HEADERS = 8192;
    private static final int MAX_BODY = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

    private final EventLoopGroup group;
    private final Channel listener;
    private final AtomicInteger open = new AtomicInteger();

    private AdminServer(HostPort listen, ProxyMetrics metrics, BooleanSupplier accepting) {
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("pgaw-admin", true), NioIoHandler.newFactory());
        AdminHandler handler = new AdminHandler(metrics, accepting);
        try {
            listener = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, MAX_CONNECTIONS)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            admit(ch, handler);
                        }
                    })
                    .bind(new InetSocketAddress(listen.host(), listen.port()))
                    .sync()
                    .channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IllegalStateException("interrupted while opening the admin endpoint");
        } catch (Exception e) { // Netty rethrows the BindException unchecked-style; it is still the operator's one line
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot open the admin endpoint on " + listen + ": " + e.getMessage(), e);
        }
    }

    /**
     * Binds and serves until {@link #close()}.
     *
     * @param listen    where (port 0 picks a free port, see {@link #address()})
     * @param metrics   what /metrics shows
     * @param accepting true while the proxy accepts new connections; /health answers 503 once it is false
     * @throws IllegalStateException with a one-line message when the address cannot be bound
     */
    public static AdminServer start(HostPort listen, ProxyMetrics metrics, BooleanSupplier accepting) {
        AdminServer server = new AdminServer(listen, metrics, accepting);
        LOG.info("admin endpoint on http://{}/health and /metrics", hostPortOf(server.address()));
        return server;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    @Override
    public void close() {
        listener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private void admit(SocketChannel ch, AdminHandler handler) {
        if (open.incrementAndGet() > MAX_CONNECTIONS) {
            open.decrementAndGet();
            LOG.warn("admin endpoint: more than {} connections at once, closing one from {}", MAX_CONNECTIONS, ch.remoteAddress());
            ch.close();
            return;
        }
        ScheduledFuture<?> tooOld = ch.eventLoop().schedule(() -> { ch.close(); }, MAX_CONNECTION_AGE.toMillis(), TimeUnit.MILLISECONDS);
        ch.closeFuture().addListener(f -> {
            open.decrementAndGet();
            tooOld.cancel(false);
        });
        ch.pipeline()
                .addLast(new ReadTimeoutHandler(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .addLast(new HttpServerCodec(new HttpDecoderConfig()
                        .setMaxInitialLineLength(MAX_INITIAL_LINE)
                        .setMaxHeaderSize(MAX_HEADERS)
                        .setMaxChunkSize(MAX_BODY)))
                .addLast(new HttpObjectAggregator(MAX_BODY))
                .addLast(handler);
    }

    private static String hostPortOf(InetSocketAddress a) {
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
