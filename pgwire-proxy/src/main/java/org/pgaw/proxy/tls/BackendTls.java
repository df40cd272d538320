package org.pgaw.proxy.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslHandler;
import org.pgaw.proxy.config.BackendTlsConfig;

/** TLS from the proxy to PostgreSQL (disable / require / verify-full). Stub: the TLS work fills it in. */
public final class BackendTls {
    public static BackendTls create(BackendTlsConfig config) { return new BackendTls(); }

    public boolean enabled() { return false; }

    /** A handler to add after the backend answered 'S' to our SSLRequest. */
    public SslHandler newHandler(ByteBufAllocator alloc, String host, int port) {
        throw new UnsupportedOperationException("not yet");
    }
}
