package org.pgaw.proxy.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProxyMetricsTest {
    @Test
    void everyCallShowsUpInTheTextFormat() throws IOException {
        ProxyMetrics m = ProxyMetrics.create();
        m.connectionOpened();
        m.connectionOpened();
        m.connectionOpened();
        m.connectionClosed();
        m.connectionRejected("max_connections_per_ip");
        m.bytesFromClient(1234);
        m.bytesToClient(5_000_000_000L);
        m.cancelRequest("forwarded");
        m.cancelRequest("forwarded");
        m.tlsHandshake("negotiated", true);
        m.tlsHandshake("direct", false);
        m.error("backend_lost");
        m.guardAction("row_limit");

        String text = scrape(m);

        assertThat(value(text, "pgaw_proxy_client_connections_total")).isEqualTo(3);
        assertThat(value(text, "pgaw_proxy_client_connections_active")).isEqualTo(2);
        assertThat(value(text, "pgaw_proxy_client_connections_rejected_total{reason=\"max_connections_per_ip\"}")).isEqualTo(1);
        assertThat(value(text, "pgaw_proxy_client_received_bytes_total")).isEqualTo(1234);
        assertThat(value(text, "pgaw_proxy_client_sent_bytes_total")).isEqualTo(5e9);
        assertThat(value(text, "pgaw_proxy_cancel_requests_total{outcome=\"forwarded\"}")).isEqualTo(2);
        assertThat(value(text, "pgaw_proxy_tls_handshakes_total{kind=\"negotiated\",result=\"ok\"}")).isEqualTo(1);
        assertThat(value(text, "pgaw_proxy_tls_handshakes_total{kind=\"direct\",result=\"failed\"}")).isEqualTo(1);
        assertThat(value(text, "pgaw_proxy_errors_total{kind=\"backend_lost\"}")).isEqualTo(1);
        assertThat(value(text, "pgaw_proxy_guard_actions_total{action=\"row_limit\"}")).isEqualTo(1);
        assertThat(value(text, "pgaw_proxy_build_info{version=\"development\"}")).isEqualTo(1);
        assertThat(text).contains("# HELP pgaw_proxy_client_connections_active Client connections open now",
                "# TYPE pgaw_proxy_client_connections_total counter");
        assertThat(text).as("JVM metrics are there too").contains("jvm_memory_used_bytes", "jvm_threads_current");
    }

    @Test
    void instancesDoNotShareCounters() throws IOException {
        ProxyMetrics a = ProxyMetrics.create();
        ProxyMetrics b = ProxyMetrics.create();
        a.connectionOpened();
        assertThat(value(scrape(a), "pgaw_proxy_client_connections_total")).isEqualTo(1);
        assertThat(value(scrape(b), "pgaw_proxy_client_connections_total")).isEqualTo(0);
    }

    @Test
    void labelValuesAreSanitisedAndBounded() throws IOException {
        ProxyMetrics m = ProxyMetrics.create();
        m.error("Weird Kind!\"\n");
        m.error(null);
        for (int i = 0; i < ProxyMetrics.MAX_LABEL_VALUES + 20; i++) m.guardAction("action_" + i);
        String text = scrape(m);
        assertThat(value(text, "pgaw_proxy_errors_total{kind=\"weird_kind___\"}")).isEqualTo(1);
        assertThat(value(text, "pgaw_proxy_errors_total{kind=\"unknown\"}")).isEqualTo(1);
        long series = text.lines().filter(l -> l.startsWith("pgaw_proxy_guard_actions_total{")).count();
        assertThat(series).isEqualTo(ProxyMetrics.MAX_LABEL_VALUES + 1);
        assertThat(value(text, "pgaw_proxy_guard_actions_total{action=\"other\"}")).isEqualTo(20);
    }

    @Test
    void theContentTypeIsPrometheusText() {
        assertThat(ProxyMetrics.create().contentType()).startsWith("text/plain").contains("version=0.0.4");
    }

    /** The sample value of one series (name plus labels exactly as printed); fails when the series is absent. */
    static double value(String text, String series) {
        return text.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError("no series " + series + " in:\n" + text));
    }

    static String scrape(ProxyMetrics m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
