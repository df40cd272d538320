package org.pgaw.proxy.ops;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The proxy's counters and gauges, exposed in Prometheus text format on the admin port.
 * The method names are the contract the session code calls; every call is cheap and thread-safe (adders, and a
 * per-label cache so the hot path does not build label arrays).
 *
 * <p>Each instance has its own registry, so tests (and several proxies in one JVM) never clash on names.
 * Label values are sanitised to {@code [a-z0-9_]}, at most 40 characters, and each labelled metric keeps at most
 * {@value #MAX_LABEL_VALUES} distinct values (then "other"): callers pass constants, but a bug must not grow memory.
 */
public final class ProxyMetrics {
    static final int MAX_LABEL_VALUES = 32;
    private static final int MAX_LABEL_LENGTH = 40;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    private final Counter connections = counter("pgaw_proxy_client_connections_total",
            "Client connections accepted");
    private final Gauge activeConnections = Gauge.builder().name("pgaw_proxy_client_connections_active")
            .help("Client connections open now").withoutExemplars().register(registry);
    private final Labelled rejected = new Labelled(counter("pgaw_proxy_client_connections_rejected_total",
            "Client connections refused by a limit or a protocol rule", "reason"));
    private final Counter bytesFromClient = counter("pgaw_proxy_client_received_bytes_total",
            "Bytes received from clients");
    private final Counter bytesToClient = counter("pgaw_proxy_client_sent_bytes_total",
            "Bytes sent to clients");
    private final Labelled cancels = new Labelled(counter("pgaw_proxy_cancel_requests_total",
            "CancelRequests received, by what became of them", "outcome"));
    private final Labelled tlsHandshakes = new Labelled(counter("pgaw_proxy_tls_handshakes_total",
            "TLS handshakes with clients, by kind (negotiated after SSLRequest, or direct) and result", "kind", "result"));
    private final Labelled errors = new Labelled(counter("pgaw_proxy_errors_total",
            "Connections ended by an error, by kind", "kind"));
    private final Labelled guardActions = new Labelled(counter("pgaw_proxy_guard_actions_total",
            "Times a guard limited or stopped a learner's statement or session", "action"));

    private ProxyMetrics() {
        Info.builder().name("pgaw_proxy_build_info").help("The running pgwire-proxy's version").labelNames("version")
                .register(registry).addLabelValues(BuildInfo.version());
        JvmMetrics.builder().register(registry);
    }

    public static ProxyMetrics create() { return new ProxyMetrics(); }

    public void connectionOpened() {
        connections.inc();
        activeConnections.inc();
    }

    public void connectionClosed() {
        activeConnections.dec();
    }

    /** reason: "max_connections", "max_connections_per_ip", "startup_timeout", "tls_required", "protocol", ... */
    public void connectionRejected(String reason) { rejected.inc(reason); }

    public void bytesFromClient(long n) { if (n > 0) bytesFromClient.inc(n); }

    public void bytesToClient(long n) { if (n > 0) bytesToClient.inc(n); }

    /** outcome: "forwarded", "bad_key", "not_running" */
    public void cancelRequest(String outcome) { cancels.inc(outcome); }

    /** ok = handshake completed; kind "negotiated" (after SSLRequest) or "direct" */
    public void tlsHandshake(String kind, boolean ok) { tlsHandshakes.inc(kind, ok ? "ok" : "failed"); }

    /** kind: "backend_connect", "backend_lost", "client_lost", "protocol", "internal" */
    public void error(String kind) { errors.inc(kind); }

    /** action: "row_limit", "byte_budget", "statement_timeout", "idle_in_transaction", "idle_session" */
    public void guardAction(String action) { guardActions.inc(action); }

    /** Writes every metric (the proxy's and the JVM's) in the Prometheus text format. */
    public void writeTo(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }

    public String contentType() {
        return writer.getContentType();
    }

    private Counter counter(String name, String help, String... labels) {
        // No exemplars: there is no tracing here, and sampling them costs time on every increment of the hot path.
        return Counter.builder().name(name).help(help).labelNames(labels).withoutExemplars().register(registry);
    }

    /** A labelled counter with cached data points and a bounded set of label values. */
    private static final class Labelled {
        private final Counter counter;
        private final Map<String, CounterDataPoint> points = new ConcurrentHashMap<>();

        Labelled(Counter counter) {
            this.counter = counter;
        }

        void inc(String... values) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) values[i] = "";
            }
            String key = values.length == 1 ? values[0] : String.join("\u0000", values);
            CounterDataPoint p = points.get(key);
            if (p == null) p = create(key, values);
            p.inc();
        }

        private synchronized CounterDataPoint create(String key, String[] values) {
            CounterDataPoint p = points.get(key);
            if (p != null) return p;
            String[] clean = new String[values.length];
            for (int i = 0; i < values.length; i++) clean[i] = points.size() >= MAX_LABEL_VALUES ? "other" : sanitise(values[i]);
            p = counter.labelValues(clean);
            if (points.size() < MAX_LABEL_VALUES) points.put(key, p);
            return p;
        }

        private static String sanitise(String value) {
            if (value == null || value.isEmpty()) return "unknown";
            String v = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
            return v.length() > MAX_LABEL_LENGTH ? v.substring(0, MAX_LABEL_LENGTH) : v;
        }
    }
}
