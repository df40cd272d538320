package org.pgaw.proxy.session;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.pgaw.proxy.codec.StartupPacket;

/** The client connection's end of a {@link Session}: routes events into it. */
final class FrontendHandler extends ChannelInboundHandlerAdapter {
    private final Session session;

    FrontendHandler(Session session) {
        this.session = session;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        session.clientActive();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof StartupPacket p) {
            session.onStartupPacket(ctx, p);
        } else if (!session.fromClient(msg)) {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        session.flushBackend();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        session.updateAutoRead();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        session.clientClosed();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        session.clientFailed(cause);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        session.clientEvent(evt);
        ctx.fireUserEventTriggered(evt);
    }
}
