package org.pgaw.proxy.session;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import org.pgaw.proxy.cluster.BackendRoute;

/**
 * Opens the backend connection of a session on the client's own event loop (so both channels share one thread and
 * the session needs no locks), with the same watermarks as the client side so that backpressure is symmetric.
 * The server is the pool's choice ({@link org.pgaw.proxy.cluster.StandbyPool}): a guarded session (a learner) goes
 * to a standby when there are any, everyone else to the primary. A standby that refuses the connection is marked
 * down and the session tries once more wherever the pool sends it next.
 */
final class BackendConnector {
    private BackendConnector() { }

    static void connect(ProxyContext px, Session session, Channel client, CancelKey key, boolean guarded, String user) {
        connect(px, session, client, key, guarded, user, true);
    }

    private static void connect(ProxyContext px, Session session, Channel client, CancelKey key, boolean guarded,
                                String user, boolean mayRetry) {
        BackendRoute route = px.cluster.pool().route(guarded, user);
        key.routedTo(route);
        var limits = px.config.limits();
        new Bootstrap().group(client.eventLoop()).channel(px.transport.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) limits.backendConnectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(limits.writeBufferLow(), limits.writeBufferHigh()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (px.backendTls.enabled()) ch.pipeline().addLast("sslnegotiation", new BackendSslNegotiator(session));
                        ch.pipeline().addLast("frames", new org.pgaw.proxy.codec.FrameDecoder(px.backendLimits));
                        ch.pipeline().addLast("session", new BackendHandler(session));
                    }
                })
                .connect(route.address().host(), route.address().port())
                .addListener((ChannelFutureListener) f -> {
                    if (f.isSuccess()) {
                        session.backendConnected(f.channel());
                    } else if (route.onStandby() && mayRetry && client.isActive()) {
                        route.serverTrouble(true);
                        connect(px, session, client, key, guarded, user, false);
                    } else {
                        session.backendUnreachable(String.valueOf(f.cause().getMessage() != null ? f.cause().getMessage() : f.cause()));
                    }
                });
    }
}
