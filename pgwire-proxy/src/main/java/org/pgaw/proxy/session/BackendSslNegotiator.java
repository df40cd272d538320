package org.pgaw.proxy.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslHandler;
import java.util.List;
import org.pgaw.proxy.protocol.ProxyMessages;

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
            startTls(ctx);
        } else {
            session.fatalToClient(ProxyMessages.backendTlsRefused());
        }
    }

    private void startTls(ChannelHandlerContext ctx) {
        ProxyContext px = session.context();
        SslHandler ssl = px.backendTls.newHandler(ctx.alloc(), px.config.backend().host(), px.config.backend().port());
        ssl.handshakeFuture().addListener(f -> {
            if (f.isSuccess()) session.sendStartupToBackend();
            else session.backendUnreachable("TLS handshake failed: " + f.cause().getMessage());
        });
        ctx.pipeline().replace(this, "tls", ssl);
    }
}
