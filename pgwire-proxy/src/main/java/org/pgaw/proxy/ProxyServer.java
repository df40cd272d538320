package org.pgaw.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.config.ProxyConfig;
import org.pgaw.proxy.ops.AdminServer;
import org.pgaw.proxy.ops.BoundedHttpListener;
import org.pgaw.proxy.ops.ProxyMetrics;
import org.pgaw.proxy.session.ProxyContext;
import org.pgaw.proxy.session.Session;
import org.pgaw.proxy.session.SessionInitializer;
import org.pgaw.proxy.session.Transport;
import org.pgaw.proxy.tls.BackendTls;
import org.pgaw.proxy.tls.ServerTls;
import org.pgaw.proxy.tls.TlsMaterialException;
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
    private volatile BoundedHttpListener admin;
    private volatile BoundedHttpListener console;
    private volatile boolean closed;

    private ProxyServer(ProxyConfig config, ProxyContext context, EventLoopGroup group, Channel listener,
                        ServerTls serverTls) {
        this.config = config;
        this.context = context;
        this.group = group;
        this.listener = listener;
        this.serverTls = serverTls;
    }

    /**
     * Binds and starts; port 0 in the config picks a free port (see {@link #address()}).
     *
     * @throws StartFailure when a configured value does not work here (a port taken, an unknown host, an unusable
     *                      certificate file): its message says which and what to do
     */
    public static ProxyServer start(ProxyConfig config) {
        return start(config, ProxyMetrics.create());
    }

    public static ProxyServer start(ProxyConfig config, ProxyMetrics metrics) {
        // A backend name that does not resolve fails every session later with a cryptic message: refuse it now.
        resolve("backend", config.backend());
        InetSocketAddress listenAt = new InetSocketAddress(resolve("listen", config.listen()), config.listen().port());
        if (config.admin() != null && config.admin().listen() != null) resolve("admin.listen", config.admin().listen());
        ServerTls serverTls;
        BackendTls backendTls;
        try {
            serverTls = config.tls() == null ? null : ServerTls.start(config.tls());
        } catch (TlsMaterialException e) {
            throw StartFailure.unusableFile("cannot use the TLS certificate", e.getMessage(), e,
                    "tls.cert_chain", "tls.private_key");
        }
        try {
            backendTls = BackendTls.create(config.backendTls());
        } catch (TlsMaterialException e) {
            if (serverTls != null) serverTls.close();
            throw StartFailure.unusableFile("cannot use the CA file for PostgreSQL's certificate", e.getMessage(), e,
                    "backend_tls.ca_file");
        }
        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(Math.max(2, Runtime.getRuntime().availableProcessors()), "pgaw-io");
        ProxyContext context = new ProxyContext(config, serverTls, backendTls, metrics, transport);
        var limits = config.limits();
        try {
            Channel listener = bind(() -> new ServerBootstrap().group(group).channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                            new WriteBufferWaterMark(limits.writeBufferLow(), limits.writeBufferHigh()))
                    .childHandler(new SessionInitializer(context))
                    .bind(listenAt)
                    .syncUninterruptibly().channel(), "listen", config.listen());
            log.info("pgwire-proxy listening on {} for backend {}{} ({}, TLS engine {})", listener.localAddress(),
                    config.backend(), serverTls == null ? " (TLS off)" : "", transport.name(),
                    org.pgaw.proxy.tls.TlsContexts.serverEngineName());
            ProxyServer server = new ProxyServer(config, context, group, listener, serverTls);
            bind(() -> { context.startCluster(group); return null; }, "cluster.listen", config.cluster().listen());
            if (config.admin() != null && config.admin().listen() != null) {
                try {
                    server.admin = bind(() -> AdminServer.start(config.admin().listen(), metrics, server::accepting),
                            "admin.listen", config.admin().listen());
                } catch (RuntimeException e) {
                    listener.close().syncUninterruptibly();
                    throw e;
                }
            }
            if (config.console().enabled()) {
                try {
                    server.console = bind(() -> org.pgaw.proxy.console.ConsoleServer.start(config.console(), context),
                            "console.listen", config.console().listen());
                } catch (RuntimeException e) {
                    listener.close().syncUninterruptibly();
                    if (server.admin != null) server.admin.close();
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

    private static InetAddress resolve(String key, HostPort at) {
        try {
            return InetAddress.getByName(at.host());
        } catch (UnknownHostException e) {
            throw StartFailure.unknownHost(key, at, e);
        }
    }

    /**
     * Runs a bind, turning its failure into a {@link StartFailure} for {@code key}. Netty rethrows the checked
     * bind exception undeclared (a BindException, or with the native transport a NativeIoException), so this
     * catches every Exception: what is not a RuntimeException can only have come from the bind.
     */
    private static <T> T bind(Supplier<T> binding, String key, HostPort at) {
        try {
            return binding.get();
        } catch (StartFailure e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof RuntimeException r && !isBindProblem(e)) throw r;
            throw StartFailure.cannotListen(key, at, e);
        }
    }

    private static boolean isBindProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) return true;
        }
        return false;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** The admin endpoint's address, or null when off. */
    public InetSocketAddress adminAddress() {
        return admin == null ? null : admin.address();
    }

    /** The teacher's console's address, or null when off. */
    public InetSocketAddress consoleAddress() {
        return console == null ? null : console.address();
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
        context.cluster().close(); // the peer listener runs on the group: closed before it
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        if (serverTls != null) serverTls.close();
        if (admin != null) admin.close();
        if (console != null) console.close();
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
