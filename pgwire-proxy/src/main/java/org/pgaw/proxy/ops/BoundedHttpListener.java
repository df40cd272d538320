package org.pgaw.proxy.ops;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.pgaw.proxy.config.HostPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plain-HTTP listener beside the proxy (the admin endpoint, the teacher's console) that is bounded so it can never
 * hurt the proxy: one event-loop thread of its own, at most {@link Bounds#maxConnections()} connections (one more is
 * closed at once), request line {@value #MAX_INITIAL_LINE} bytes, headers {@value #MAX_HEADERS} bytes, body
 * {@link Bounds#maxBody()}; a connection silent for {@link Bounds#readTimeout()} or older than
 * {@link Bounds#maxConnectionAge()} is closed. Every request reaches the one (sharable) handler fully aggregated.
 */
public final class BoundedHttpListener implements AutoCloseable {
    static final int MAX_INITIAL_LINE = 4096;
    static final int MAX_HEADERS = 8192;

    private static final Logger LOG = LoggerFactory.getLogger(BoundedHttpListener.class);

    /** How much one listener allows; the request line and headers are bounded the same for all. */
    public record Bounds(int maxConnections, Duration readTimeout, Duration maxConnectionAge, int maxBody) { }

    private final String name;
    private final Bounds bounds;
    private final EventLoopGroup group;
    private final Channel listener;
    private final AtomicInteger open = new AtomicInteger();

    private BoundedHttpListener(String name, String threadName, HostPort listen, Bounds bounds, ChannelHandler handler) {
        this.name = name;
        this.bounds = bounds;
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(threadName, true), NioIoHandler.newFactory());
        try {
            listener = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, bounds.maxConnections())
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
            throw new IllegalStateException("interrupted while opening the " + name);
        } catch (Exception e) { // Netty rethrows the BindException unchecked-style; it is still the operator's one line
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot open the " + name + " on " + listen + ": " + e.getMessage(), e);
        }
    }

    /**
     * Binds and serves until {@link #close()}.
     *
     * @param name       what it is, for the operator ("admin endpoint"): in errors and warnings
     * @param threadName its one thread's name
     * @param listen     where (port 0 picks a free port, see {@link #address()})
     * @param handler    a {@link ChannelHandler.Sharable} handler of aggregated requests
     * @throws IllegalStateException with a one-line message when the address cannot be bound
     */
    public static BoundedHttpListener open(String name, String threadName, HostPort listen, Bounds bounds,
                                           ChannelHandler handler) {
        return new BoundedHttpListener(name, threadName, listen, bounds, handler);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** The listener's own thread, for small periodic work that must not run on the proxy's threads. */
    public ScheduledExecutorService thread() {
        return group.next();
    }

    @Override
    public void close() {
        listener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /**
     * How a handler answers: with a Content-Length (unless it set one), never cached, and then the connection is
     * kept for the next request or closed, as the request asked.
     */
    public static void reply(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        if (!response.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
            HttpUtil.setContentLength(response, response.content().readableBytes());
        }
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void admit(SocketChannel ch, ChannelHandler handler) {
        if (open.incrementAndGet() > bounds.maxConnections()) {
            open.decrementAndGet();
            LOG.warn("{}: more than {} connections at once, closing one from {}", name, bounds.maxConnections(), ch.remoteAddress());
            ch.close();
            return;
        }
        ScheduledFuture<?> tooOld = ch.eventLoop().schedule(() -> { ch.close(); },
                bounds.maxConnectionAge().toMillis(), TimeUnit.MILLISECONDS);
        ch.closeFuture().addListener(f -> {
            open.decrementAndGet();
            tooOld.cancel(false);
        });
        ch.pipeline()
                .addLast(new ReadTimeoutHandler(bounds.readTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .addLast(new HttpServerCodec(new HttpDecoderConfig()
                        .setMaxInitialLineLength(MAX_INITIAL_LINE)
                        .setMaxHeaderSize(MAX_HEADERS)
                        .setMaxChunkSize(bounds.maxBody())))
                .addLast(new HttpObjectAggregator(bounds.maxBody()))
                .addLast(handler);
    }
}
