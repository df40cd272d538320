package org.pgaw.proxy.session;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import org.pgaw.proxy.codec.StartupDecoder;

/** Gives every accepted client connection its session and the client pipeline. */
public final class SessionInitializer extends ChannelInitializer<SocketChannel> {
    private final ProxyContext context;

    public SessionInitializer(ProxyContext context) {
        this.context = context;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        Session s = new Session(context, ch);
        ch.pipeline().addLast("sniff", new TlsSniffer(s.encryption()));
        ch.pipeline().addLast("startup", new StartupDecoder());
        ch.pipeline().addLast("session", new FrontendHandler(s));
    }
}
