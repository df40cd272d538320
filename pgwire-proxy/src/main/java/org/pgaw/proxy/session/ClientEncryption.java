package org.pgaw.proxy.session;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetAddress;
import org.pgaw.proxy.codec.StartupPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS towards the client, before the StartupMessage: SSLRequest ('S', then the handshake), direct TLS (PostgreSQL
 * 17: the first byte is a TLS record; ALPN "postgresql" required, as PostgreSQL itself requires it), GSSENCRequest
 * ('N'). Bytes a client sends behind an encryption request, before the handshake, close the connection: they would
 * otherwise be read as if they had come encrypted (the CVE-2021-23214 class).
 */
final class ClientEncryption {
    private static final Logger log = LoggerFactory.getLogger(ClientEncryption.class);

    private final ProxyContext px;
    private final Channel client;
    private final InetAddress clientAddress;
    private boolean active;

    ClientEncryption(ProxyContext px, Channel client, InetAddress clientAddress) {
        this.px = px;
        this.client = client;
        this.clientAddress = clientAddress;
    }

    /** True once TLS is (being) set up on the client connection. */
    boolean active() {
        return active;
    }

    void onSslRequest(ChannelHandlerContext ctx, StartupPacket.SslRequest p) {
        if (p.trailingBytes() || active) {
            rejectPipelined();
        } else if (px.serverTls == null) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'N'}));
        } else {
            // 'S' leaves in plaintext before the TLS handler is in place; every later byte is encrypted.
            ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'S'}));
            SslHandler ssl = px.serverTls.context().newHandler(ctx.alloc());
            ssl.handshakeFuture().addListener(f -> px.metrics.tlsHandshake("negotiated", f.isSuccess()));
            ctx.pipeline().addFirst("tls", ssl);
            active = true;
        }
    }

    void onGssEncRequest(ChannelHandlerContext ctx, StartupPacket.GssEncRequest p) {
        if (p.trailingBytes() || active) rejectPipelined();
        else ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'N'}));
    }

    boolean startDirectTls(ChannelHandlerContext ctx, TlsSniffer sniffer) {
        if (px.serverTls == null) return false;
        active = true;
        SslHandler ssl = px.serverTls.context().newHandler(ctx.alloc());
        ssl.handshakeFuture().addListener(f -> {
            px.metrics.tlsHandshake("direct", f.isSuccess());
            if (f.isSuccess() && !"postgresql".equals(ssl.applicationProtocol())) {
                // PostgreSQL itself refuses direct TLS without ALPN: a client of another protocol went astray.
                log.debug("direct TLS without ALPN postgresql from {}: closing", clientAddress);
                client.close();
            }
        });
        ctx.pipeline().replace(sniffer, "tls", ssl);
        return true;
    }

    private void rejectPipelined() {
        px.metrics.connectionRejected("protocol");
        log.info("closing connection from {}: bytes pipelined after an encryption request", clientAddress);
        client.close();
    }
}
