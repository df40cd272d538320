package org.pgaw.proxy.ops;

/**
 * The proxy's counters and gauges, exposed in Prometheus text format on the admin port.
 * Stub: the ops work fills in the implementation; the method names are the contract the session code calls.
 */
public final class ProxyMetrics {
    public static ProxyMetrics create() { return new ProxyMetrics(); }

    public void connectionOpened() { }
    public void connectionClosed() { }
    /** reason: "max_connections", "max_connections_per_ip", "startup_timeout", "tls_required", "protocol", ... */
    public void connectionRejected(String reason) { }
    public void bytesFromClient(long n) { }
    public void bytesToClient(long n) { }
    /** outcome: "forwarded", "bad_key", "not_running" */
    public void cancelRequest(String outcome) { }
    /** ok = handshake completed; kind "negotiated" (after SSLRequest) or "direct" */
    public void tlsHandshake(String kind, boolean ok) { }
    /** kind: "backend_connect", "backend_lost", "client_lost", "protocol", "internal" */
    public void error(String kind) { }
    /** action: "row_limit", "byte_budget", "statement_timeout", "idle_in_transaction", "idle_session" */
    public void guardAction(String action) { }
}
