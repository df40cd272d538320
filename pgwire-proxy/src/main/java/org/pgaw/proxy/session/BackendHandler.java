package org.pgaw.proxy.session;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/** The backend connection's end of a {@link Session}: routes events into it. */
final class BackendHandler extends ChannelInboundHandlerAdapter {
    private final Session session;

    BackendHandler(Session session) {
        this.session = session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!session.fromBackend(msg)) ReferenceCountUtil.release(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        session.flushClient();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        session.updateAutoRead();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        session.backendClosed();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        session.backendFailed(cause);
    }
}
