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

        assertThat(text).contains(
                "pgaw_proxy_client_connections_total 3",
                "pgaw_proxy_client_connections_active 2",
                "pgaw_proxy_client_connections_rejected_total{reason=\"max_connections_per_ip\"} 1",
                "pgaw_proxy_client_received_bytes_total 1234",
                "pgaw_proxy_client_sent_bytes_total 5.0E9",
                "pgaw_proxy_cancel_requests_total{outcome=\"forwarded\"} 2",
                "pgaw_proxy_tls_handshakes_total{kind=\"negotiated\",result=\"ok\"} 1",
                "pgaw_proxy_tls_handshakes_total{kind=\"direct\",result=\"failed\"} 1",
                "pgaw_proxy_errors_total{kind=\"backend_lost\"} 1",
                "pgaw_proxy_guard_actions_total{action=\"row_limit\"} 1",
                "pgaw_proxy_build_info{version=\"development\"} 1",
                "# HELP pgaw_proxy_client_connections_active Client connections open now",
                "# TYPE pgaw_proxy_client_connections_total counter");
        assertThat(text).as("JVM metrics are there too").contains("jvm_memory_used_bytes", "jvm_threads_current");
    }

    @Test
    void instancesDoNotShareCounters() throws IOException {
        ProxyMetrics a = ProxyMetrics.create();
        ProxyMetrics b = ProxyMetrics.create();
        a.connectionOpened();
        assertThat(scrape(a)).contains("pgaw_proxy_client_connections_total 1");
        assertThat(scrape(b)).contains("pgaw_proxy_client_connections_total 0");
    }

    @Test
    void labelValuesAreSanitisedAndBounded() throws IOException {
        ProxyMetrics m = ProxyMetrics.create();
        m.error("Weird Kind!\"\n");
        m.error(null);
        for (int i = 0; i < ProxyMetrics.MAX_LABEL_VALUES + 20; i++) m.guardAction("action_" + i);
        String text = scrape(m);
        assertThat(text).contains("pgaw_proxy_errors_total{kind=\"weird_kind___\"} 1", "pgaw_proxy_errors_total{kind=\"unknown\"} 1");
        long series = text.lines().filter(l -> l.startsWith("pgaw_proxy_guard_actions_total{")).count();
        assertThat(series).isEqualTo(ProxyMetrics.MAX_LABEL_VALUES + 1);
        assertThat(text).contains("pgaw_proxy_guard_actions_total{action=\"other\"} 20");
    }

    @Test
    void theContentTypeIsPrometheusText() {
        assertThat(ProxyMetrics.create().contentType()).startsWith("text/plain").contains("version=0.0.4");
    }

    static String scrape(ProxyMetrics m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
