package org.pgaw.proxy.console;

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
import org.pgaw.proxy.config.ConsoleConfig;
import org.pgaw.proxy.session.ProxyContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The teacher's console on its own listener ({@code console.listen}), never the learners' port nor the
 * unauthenticated admin endpoint. Bounded like the admin endpoint, so it can never hurt the proxy: one event-loop
 * thread of its own, at most {@value #MAX_CONNECTIONS} connections, request line 4 KiB, headers 8 KiB, body 4 KiB,
 * a connection silent for {@link #READ_TIMEOUT} or older than {@link #MAX_CONNECTION_AGE} is closed.
 *
 * <p>It speaks plain HTTP. In the demo it listens on loopback and the teacher opens {@code http://localhost:PORT}
 * (browsers keep Secure cookies on localhost); in the stack nginx terminates TLS and forwards {@code /teacher/} to it
 * over the compose network. Serving TLS itself would need a certificate the browser trusts on loopback, which the
 * proxy's self-signed one is not; the cookie is Secure, HttpOnly and SameSite=Strict either way.
 */
public final class ConsoleServer implements AutoCloseable {
    static final int MAX_CONNECTIONS = 32;
    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    static final Duration MAX_CONNECTION_AGE = Duration.ofMinutes(5);
    private static final int MAX_INITIAL_LINE = 4096;
    private static final int MAX_HEADERS = 8192;
    private static final int MAX_BODY = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);

    private final EventLoopGroup group;
    private final Channel listener;
    private final AtomicInteger open = new AtomicInteger();

    private ConsoleServer(ConsoleConfig config, ProxyContext px, TeacherPassword password) {
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("pgaw-console", true), NioIoHandler.newFactory());
        ActivityChart chart = new ActivityChart();
        ClassState state = new ClassState(px.sessions(), px.events(), chart);
        ConsoleHandler handler = new ConsoleHandler(px.sessions(), password, state);
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
                    .bind(new InetSocketAddress(config.listen().host(), config.listen().port()))
                    .sync()
                    .channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IllegalStateException("interrupted while opening the teacher's console");
        } catch (Exception e) { // Netty rethrows the BindException unchecked-style
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot open the teacher's console on " + config.listen() + ": " + e.getMessage(), e);
        }
        // The chart's points: cheap (one snapshot of each session every 30 s) and on the console's own thread.
        group.next().scheduleAtFixedRate(() -> {
            try {
                state.views().thenAccept(views -> chart.sample(System.currentTimeMillis(),
                        (int) views.stream().filter(v -> v.active()).count(), px.events().total()));
            } catch (RuntimeException e) { // a periodic task that throws is never run again: the chart would freeze
                LOG.warn("console: cannot sample the class for the chart: {}", e.toString());
            }
        }, 0, ActivityChart.STEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Binds and serves until {@link #close()}.
     *
     * @throws IllegalStateException with a one-line message when the address cannot be bound or the password file
     *                               cannot be used
     */
    public static ConsoleServer start(ConsoleConfig config, ProxyContext px) {
        ConsoleServer server = new ConsoleServer(config, px, TeacherPassword.fromFile(config.passwordFile()));
        InetSocketAddress a = server.address();
        LOG.info("teacher's console on http://{}:{}/teacher/{}", a.getAddress().getHostAddress(), a.getPort(),
                a.getAddress().isLoopbackAddress() ? "" : " (plain HTTP: publish it only through a TLS proxy such as the stack's nginx)");
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

    private void admit(SocketChannel ch, ConsoleHandler handler) {
        if (open.incrementAndGet() > MAX_CONNECTIONS) {
            open.decrementAndGet();
            LOG.warn("console: more than {} connections at once, closing one from {}", MAX_CONNECTIONS, ch.remoteAddress());
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
}
