package org.pgaw.proxy.session;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import java.util.concurrent.TimeUnit;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.ops.ProxyMetrics;
import org.pgaw.proxy.protocol.MessageWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a CancelRequest with the REAL backend key on a fresh connection to PostgreSQL, then closes it.
 * PostgreSQL reads cancel requests before any authentication or TLS, so plain TCP works in every backend TLS mode.
 */
public final class CancelForwarder {
    private static final Logger log = LoggerFactory.getLogger(CancelForwarder.class);
    private final Transport transport;
    private final HostPort backend;
    private final int connectTimeoutMillis;
    private final ProxyMetrics metrics;

    public CancelForwarder(Transport transport, HostPort backend, int connectTimeoutMillis, ProxyMetrics metrics) {
        this.transport = transport;
        this.backend = backend;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.metrics = metrics;
    }

    /**
     * Sends the cancel and runs {@code delivered} once PostgreSQL has closed the cancel connection, which it does
     * after signalling the backend (or after at most two seconds, or at once if the cancel could not be sent).
     */
    public void cancel(EventLoop loop, int pid, int secret, String why, Runnable delivered) {
        cancel(loop, backend, pid, secret, why, delivered);
    }

    /** As above, to the server the session runs on (the primary or one of the standbys). */
    public void cancel(EventLoop loop, HostPort server, int pid, int secret, String why, Runnable delivered) {
        log.debug("PX=> CancelRequest pid={} ({})", pid, why);
        new Bootstrap().group(loop).channel(transport.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .handler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        ctx.writeAndFlush(MessageWriter.cancelRequest(ctx.alloc(), pid, secret));
                        ctx.executor().schedule(() -> ctx.close(), 2, TimeUnit.SECONDS);
                    }

                    @Override
                    public void channelInactive(ChannelHandlerContext ctx) {
                        loop.execute(delivered);
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        ctx.close();
                    }
                })
                .connect(server.host(), server.port())
                .addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        loop.execute(delivered);
                        metrics.error("backend_connect");
                        log.warn("could not forward a cancel request for pid {}: {}", pid, f.cause().toString());
                    }
                });
    }
}
