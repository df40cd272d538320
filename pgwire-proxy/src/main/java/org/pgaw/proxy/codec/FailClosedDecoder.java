package org.pgaw.proxy.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * A decoder of a peer's bytes that trusts nothing after the first bad message: once {@link #decodeTrusted} throws a
 * {@link FrameException}, reading stops (the answer to it is a FATAL and a close) and whatever bytes are already
 * buffered or still arrive are dropped, never decoded nor kept.
 */
abstract class FailClosedDecoder extends ByteToMessageDecoder {
    private boolean failed;

    @Override
    protected final void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            decodeTrusted(ctx, in, out);
        } catch (FrameException e) {
            failed = true;
            ctx.channel().config().setAutoRead(false);
            throw e;
        }
    }

    /** {@link #decode} while the stream is still trusted: throws {@link FrameException} on a message it refuses. */
    protected abstract void decodeTrusted(ChannelHandlerContext ctx, ByteBuf in, List<Object> out);
}
