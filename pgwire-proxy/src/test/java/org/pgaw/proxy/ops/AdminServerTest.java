package org.pgaw.proxy.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pgaw.proxy.config.HostPort;

/** The admin endpoint over real HTTP on loopback. */
class AdminServerTest {
    private final AtomicBoolean accepting = new AtomicBoolean(true);
    private final ProxyMetrics metrics = ProxyMetrics.create();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private BoundedHttpListener server;

    @BeforeEach
    void start() {
        server = AdminServer.start(new HostPort("127.0.0.1", 0), metrics, accepting::get);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void healthIsOkWhileAcceptingAnd503WhileDraining() throws Exception {
        HttpResponse<String> ok = get("/health");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("ok\n");

        accepting.set(false);
        HttpResponse<String> draining = get("/health");
        assertThat(draining.statusCode()).isEqualTo(503);
        assertThat(draining.body()).isEqualTo("draining\n");
    }

    @Test
    void metricsShowTheCounters() throws Exception {
        metrics.connectionOpened();
        metrics.cancelRequest("bad_key");
        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).contains("version=0.0.4"));
        assertThat(ProxyMetricsTest.value(r.body(), "pgaw_proxy_client_connections_active")).isEqualTo(1);
        assertThat(ProxyMetricsTest.value(r.body(), "pgaw_proxy_cancel_requests_total{outcome=\"bad_key\"}")).isEqualTo(1);
        assertThat(r.body()).contains("jvm_memory_used_bytes");
        metrics.connectionOpened();
        assertThat(ProxyMetricsTest.value(get("/metrics?x=1").body(), "pgaw_proxy_client_connections_active")).isEqualTo(2);
    }

    @Test
    void anythingElseIsNotFoundOrNotAllowed() throws Exception {
        assertThat(get("/").statusCode()).isEqualTo(404);
        assertThat(get("/health/extra").statusCode()).isEqualTo(404);
        assertThat(get("/../etc/passwd").statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/health"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).hasValue("GET, HEAD");
        HttpResponse<String> huge = http.send(HttpRequest.newBuilder(uri("/health"))
                .method("GET", HttpRequest.BodyPublishers.ofString("y".repeat(10_000))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(huge.statusCode()).isEqualTo(413);
    }

    @Test
    void headAnswersWithoutABody() throws Exception {
        HttpResponse<String> r = head("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(r.headers().firstValue("content-length")).hasValue("3");
        HttpResponse<String> m = head("/metrics");
        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.body()).isEmpty();
        assertThat(Integer.parseInt(m.headers().firstValue("content-length").orElseThrow())).isGreaterThan(1000);
    }

    private HttpResponse<String> head(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anOverlongRequestLineIsRefused() throws IOException {
        try (Socket s = connect()) {
            send(s, "GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(readAll(s.getInputStream())).startsWith("HTTP/1.1 4");
        }
    }

    @Test
    void garbageIsRefusedAndTheConnectionClosed() throws IOException {
        try (Socket s = connect()) {
            send(s, "\u0000\u0001 not http at all\r\n\r\n");
            String answer = readAll(s.getInputStream());
            assertThat(answer).satisfiesAnyOf(a -> assertThat(a).startsWith("HTTP/1.1 400"), a -> assertThat(a).isEmpty());
        }
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAtOnce() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < AdminServer.BOUNDS.maxConnections(); i++) held.add(connect());
            // Each held connection must be established on the server's side before the next one counts as one too many.
            Thread.sleep(300);
            try (Socket extra = connect()) {
                assertThat(extra.getInputStream().read()).as("the extra connection is closed without an answer").isEqualTo(-1);
            }
        } finally {
            for (Socket s : held) s.close();
        }
        // Once they are gone, the endpoint serves again.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            try {
                if (get("/health").statusCode() == 200) break;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) throw e;
                Thread.sleep(50);
            }
        }
    }

    @Test
    void aBusyPortGivesAOneLineError() {
        HostPort taken = new HostPort("127.0.0.1", server.address().getPort());
        assertThatThrownBy(() -> AdminServer.start(taken, metrics, () -> true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot open the admin endpoint on 127.0.0.1:" + taken.port())
                .hasMessageNotContaining("\n");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", server.address().getPort()), 5000);
        s.setSoTimeout(5000);
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
}
