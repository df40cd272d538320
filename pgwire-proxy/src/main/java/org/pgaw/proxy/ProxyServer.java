package org.pgaw.proxy;

import java.net.InetSocketAddress;
import org.pgaw.proxy.config.ProxyConfig;

/** A running proxy: listener, sessions, TLS, admin endpoint. Stub until the core lands. */
public final class ProxyServer implements AutoCloseable {
    /** Binds and starts; port 0 in the config picks a free port (see {@link #address()}). */
    public static ProxyServer start(ProxyConfig config) {
        throw new UnsupportedOperationException("not yet");
    }

    public InetSocketAddress address() { throw new UnsupportedOperationException(); }

    /** The admin endpoint's address, or null when off. */
    public InetSocketAddress adminAddress() { return null; }

    /** Graceful: stop accepting, let running statements finish within the configured grace, then close. */
    @Override
    public void close() { }
}
