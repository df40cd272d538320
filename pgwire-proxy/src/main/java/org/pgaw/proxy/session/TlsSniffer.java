package org.pgaw.proxy.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.pgaw.proxy.protocol.StartupCodes;

/**
 * Looks at the first byte a client sends. A TLS handshake record (0x16) means direct TLS (PostgreSQL 17,
 * sslnegotiation=direct): TLS starts at once, without SSLRequest. Either way the sniffer then leaves the pipeline,
 * handing the buffered bytes to whatever now follows it (the TLS handler, or the startup decoder).
 */
final class TlsSniffer extends ByteToMessageDecoder {
    private final ClientEncryption encryption;

    TlsSniffer(ClientEncryption encryption) {
        this.encryption = encryption;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) return;
        if (in.getUnsignedByte(in.readerIndex()) == StartupCodes.TLS_HANDSHAKE_RECORD && encryption.startDirectTls(ctx, this)) {
            return; // replaced by the TLS handler, which receives the buffered bytes
        }
        ctx.pipeline().remove(this);
    }
}
