package org.pgaw.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The download path against a real local HTTP server standing in for the upstream repository. */
class UpstreamFilesTest {
    private HttpServer server;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/data/", ex -> {
            requests.incrementAndGet();
            String name = ex.getRequestURI().getPath().substring("/data/".length());
            byte[] body = served.get(name);
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private UpstreamFiles upstream(Path cache, Checksums sums) {
        return new UpstreamFiles(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/data/"), cache, sums,
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @Test
    void downloadsVerifiesCachesAndReusesTheCache(@TempDir Path cache) throws Exception {
        List<String> files = List.of("Culture.csv", "Address.csv");
        for (String f : files) served.put(f, Files.readAllBytes(TestData.mirror().resolve(f)));
        Path dir = upstream(cache, Checksums.pinned()).fetch(files);
        assertThat(dir).isEqualTo(cache);
        for (String f : files) assertThat(Files.mismatch(cache.resolve(f), TestData.mirror().resolve(f))).isEqualTo(-1L);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("Address.csv", "100%");
        int before = requests.get();
        upstream(cache, Checksums.pinned()).fetch(files);
        assertThat(requests.get()).as("verified cached files are not downloaded again").isEqualTo(before);
    }

    @Test
    void aChecksumMismatchIsRefusedAndNothingIsKept(@TempDir Path cache) {
        served.put("Culture.csv", "tampered\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> upstream(cache, Checksums.pinned()).fetch(List.of("Culture.csv")))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("Checksum mismatch for Culture.csv")
                .hasMessageContaining("expected SHA-256 ")
                .hasMessageContaining("--data DIR");
        assertThat(cache.resolve("Culture.csv")).doesNotExist();
        assertThat(cache.resolve("Culture.csv.part")).doesNotExist();
    }

    @Test
    void aFileWithoutAPinnedChecksumIsRecordedOnFirstDownloadAndVerifiedAfterwards(@TempDir Path cache) throws Exception {
        served.put("Person.csv", "1\tEM\n".getBytes(StandardCharsets.UTF_8));
        upstream(cache, Checksums.pinned()).fetch(List.of("Person.csv"));
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("WARNING: Person.csv has no pinned checksum yet");
        assertThat(Files.readString(cache.resolve(UpstreamFiles.RECORDED))).contains("data/Person.csv");
        // A changed file in the cache no longer matches the recorded hash: it is fetched again.
        Files.writeString(cache.resolve("Person.csv"), "changed");
        int before = requests.get();
        upstream(cache, Checksums.pinned()).fetch(List.of("Person.csv"));
        assertThat(requests.get()).isEqualTo(before + 1);
        assertThat(Files.readString(cache.resolve("Person.csv"))).isEqualTo("1\tEM\n");
    }

    @Test
    void anHttpErrorSaysWhatFailedAndHowToWorkOffline(@TempDir Path cache) {
        assertThatThrownBy(() -> upstream(cache, Checksums.pinned()).fetch(List.of("Culture.csv")))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("Could not download Culture.csv from http://127.0.0.1:")
                .hasMessageContaining("HTTP status 404")
                .hasMessageContaining("Offline alternative")
                .hasMessageContaining(UpstreamFiles.COMMIT);
    }

    @Test
    void noServerAtAllIsAClearError(@TempDir Path cache) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        UpstreamFiles u = new UpstreamFiles(URI.create("http://127.0.0.1:" + closedPort + "/data/"), cache,
                Checksums.pinned(), new PrintStream(stderr, true, StandardCharsets.UTF_8));
        assertThatThrownBy(() -> u.fetch(List.of("Culture.csv")))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("Could not download Culture.csv from http://127.0.0.1:" + closedPort + "/data/Culture.csv:"
                        + " no network? the connection to 127.0.0.1:" + closedPort + " was refused or cannot be made\n"
                        + "Offline alternative:")
                .hasMessageContaining("--data DIR")
                .hasMessageNotContaining("Exception");
    }

    @Test
    void theUnpinnedFilesAreExactlyTheSevenTheMirrorLacks() {
        Checksums sums = Checksums.pinned();
        for (String f : LoadPlan.standard().files()) {
            assertThat(sums.knows(f)).as(f).isTrue();
            boolean inMirror = Files.exists(TestData.mirror().resolve(f));
            assertThat(sums.expected(f).isPresent()).as(f).isEqualTo(inMirror);
        }
    }
}
