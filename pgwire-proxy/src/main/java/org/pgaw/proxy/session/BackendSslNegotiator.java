package org.pgaw.proxy.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/** Reads PostgreSQL's one-byte answer to our SSLRequest ('S' or 'N'); nothing may follow it before TLS. */
final class BackendSslNegotiator extends ByteToMessageDecoder {
    private final Session session;

    BackendSslNegotiator(Session session) {
        this.session = session;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) return;
        byte answer = in.readByte();
        if (answer == 'S' && !in.isReadable()) {
            session.backendTlsAccepted(ctx, this);
        } else {
            session.backendTlsRefused();
        }
    }
}
