package org.pgaw.proxy.ops;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.pgaw.proxy.config.HostPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP endpoint: {@code GET /health} (200 "ok" while the proxy accepts connections, 503 "draining" once
 * it stops) and {@code GET /metrics} (Prometheus text format); anything else is 404.
 *
 * <p>It is small and bounded so that it can never hurt the proxy (see {@link BoundedHttpListener}): at most 16
 * connections, body 1 KiB, a connection silent for 10 s or older than 60 s is closed. It listens on loopback by
 * default.
 */
public final class AdminServer {
    /** Connections at once, silence, age, request body. */
    static final BoundedHttpListener.Bounds BOUNDS =
            new BoundedHttpListener.Bounds(16, Duration.ofSeconds(10), Duration.ofSeconds(60), 1024);

    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

    private AdminServer() { }

    /**
     * Binds and serves until the listener is closed.
     *
     * @param listen    where (port 0 picks a free port, see {@link BoundedHttpListener#address()})
     * @param metrics   what /metrics shows
     * @param accepting true while the proxy accepts new connections; /health answers 503 once it is false
     * @throws IllegalStateException with a one-line message when the address cannot be bound
     */
    public static BoundedHttpListener start(HostPort listen, ProxyMetrics metrics, BooleanSupplier accepting) {
        BoundedHttpListener server = BoundedHttpListener.open("admin endpoint", "pgaw-admin", listen, BOUNDS,
                new AdminHandler(metrics, accepting));
        LOG.info("admin endpoint on http://{}/health and /metrics", hostPortOf(server.address()));
        return server;
    }

    private static String hostPortOf(InetSocketAddress a) {
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
