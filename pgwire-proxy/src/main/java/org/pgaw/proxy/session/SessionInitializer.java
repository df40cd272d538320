package org.pgaw.proxy.session;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;

/** Gives every accepted client connection its session. */
public final class SessionInitializer extends ChannelInitializer<SocketChannel> {
    private final ProxyContext context;

    public SessionInitializer(ProxyContext context) {
        this.context = context;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        Session.install(context, ch);
    }
}
