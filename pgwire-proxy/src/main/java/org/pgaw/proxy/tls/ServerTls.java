package org.pgaw.proxy.tls;

import io.netty.handler.ssl.SslContext;
import org.pgaw.proxy.config.ServerTlsConfig;

/**
 * Server TLS towards clients: the current SslContext (swapped atomically on certificate renewal).
 * Stub: the TLS work fills this in (PEM loading, self-signed fallback, hot reload, TLS 1.2+, ALPN "postgresql").
 */
public final class ServerTls implements AutoCloseable {
    private volatile SslContext current;

    public static ServerTls start(ServerTlsConfig config) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The context for the next handshake. */
    public SslContext context() { return current; }

    @Override
    public void close() { }
}
