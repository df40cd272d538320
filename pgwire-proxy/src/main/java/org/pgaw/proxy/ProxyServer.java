package org.pgaw.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.pgaw.proxy.config.ProxyConfig;
import org.pgaw.proxy.ops.AdminServer;
import org.pgaw.proxy.ops.ProxyMetrics;
import org.pgaw.proxy.session.ProxyContext;
import org.pgaw.proxy.session.Session;
import org.pgaw.proxy.session.SessionInitializer;
import org.pgaw.proxy.session.Transport;
import org.pgaw.proxy.tls.BackendTls;
import org.pgaw.proxy.tls.ServerTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running proxy: the listener, its sessions, TLS. */
public final class ProxyServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProxyServer.class);

    private final ProxyConfig config;
    private final ProxyContext context;
    private final EventLoopGroup group;
    private final Channel listener;
    private final ServerTls serverTls;
    private volatile AdminServer admin;
    private volatile boolean closed;

    private ProxyServer(ProxyConfig config, ProxyContext context, EventLoopGroup group, Channel listener,
                        ServerTls serverTls) {
        this.config = config;
        this.context = context;
        this.group = group;
        this.listener = listener;
        this.serverTls = serverTls;
    }

    /** Binds and starts; port 0 in the config picks a free port (see {@link #address()}). */
    public static ProxyServer start(ProxyConfig config) {
        return start(config, ProxyMetrics.create());
    }

    public static ProxyServer start(ProxyConfig config, ProxyMetrics metrics) {
        ServerTls serverTls = config.tls() == null ? null : ServerTls.start(config.tls());
        BackendTls backendTls = BackendTls.create(config.backendTls());
        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(Math.max(2, Runtime.getRuntime().availableProcessors()), "pgaw-io");
        ProxyContext context = new ProxyContext(config, serverTls, backendTls, metrics, transport);
        var limits = config.limits();
        try {
            Channel listener = new ServerBootstrap().group(group).channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                            new WriteBufferWaterMark(limits.writeBufferLow(), limits.writeBufferHigh()))
                    .childHandler(new SessionInitializer(context))
                    .bind(config.listen().host(), config.listen().port())
                    .syncUninterruptibly().channel();
            log.info("pgwire-proxy listening on {} for backend {}{}", listener.localAddress(), config.backend(),
                    serverTls == null ? " (TLS off)" : "");
            ProxyServer server = new ProxyServer(config, context, group, listener, serverTls);
            if (config.admin() != null && config.admin().listen() != null) {
                try {
                    server.admin = AdminServer.start(config.admin().listen(), metrics, server::accepting);
                } catch (RuntimeException e) {
                    listener.close().syncUninterruptibly();
                    throw e;
                }
            }
            return server;
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            if (serverTls != null) serverTls.close();
            throw e;
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** The admin endpoint's address, or null when off. */
    public InetSocketAddress adminAddress() {
        return admin == null ? null : admin.address();
    }

    public ProxyContext context() {
        return context;
    }

    /** True while the proxy accepts connections (for the health endpoint). */
    public boolean accepting() {
        return !closed && listener.isActive();
    }

    /** Graceful: stop accepting, let running statements finish within the configured grace, then close. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        context.beginShutdown();
        listener.close().syncUninterruptibly(); // /health now answers 503: load balancers stop sending clients

        Duration grace = config.limits().shutdownGrace();
        log.info("shutting down: {} sessions get up to {} s to finish", context.sessions().size(), grace.toSeconds());
        context.sessions().forEach(Session::shutdownGracefully);
        long deadline = System.nanoTime() + grace.toNanos();
        while (!context.sessions().isEmpty() && System.nanoTime() < deadline) {
            sleep(50);
        }
        context.sessions().forEach(Session::shutdownNow);
        long hard = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!context.sessions().isEmpty() && System.nanoTime() < hard) {
            sleep(20);
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        if (serverTls != null) serverTls.close();
        if (admin != null) admin.close();
        log.info("pgwire-proxy stopped");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
