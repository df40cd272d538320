package org.pgaw.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The download path against a real local HTTP server standing in for the upstream repository. */
class UpstreamFilesTest {
    private LocalUpstream upstream;

    @BeforeEach
    void startServer() throws IOException {
        upstream = new LocalUpstream();
    }

    @AfterEach
    void stopServer() {
        upstream.close();
    }

    @Test
    void downloadsVerifiesCachesAndReusesTheCache(@TempDir Path cache) throws Exception {
        List<String> files = List.of("Culture.csv", "Address.csv");
        for (String f : files) upstream.served.put(f, Files.readAllBytes(TestData.mirror().resolve(f)));
        Path dir = upstream.files(cache).fetch(files);
        assertThat(dir).isEqualTo(cache);
        for (String f : files) assertThat(Files.mismatch(cache.resolve(f), TestData.mirror().resolve(f))).isEqualTo(-1L);
        assertThat(upstream.progress.toString(StandardCharsets.UTF_8)).contains("Address.csv", "100%");
        int before = upstream.requests.get();
        upstream.files(cache).fetch(files);
        assertThat(upstream.requests.get()).as("verified cached files are not downloaded again").isEqualTo(before);
    }

    @Test
    void aChecksumMismatchIsRefusedAndNothingIsKept(@TempDir Path cache) {
        upstream.served.put("Culture.csv", "tampered\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> upstream.files(cache).fetch(List.of("Culture.csv")))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("Checksum mismatch for Culture.csv")
                .hasMessageContaining("expected SHA-256 ")
                .hasMessageContaining("--data DIR");
        assertThat(cache.resolve("Culture.csv")).doesNotExist();
        assertThat(cache.resolve("Culture.csv.part")).doesNotExist();
    }

    @Test
    void aFileWithoutAPinnedChecksumIsRecordedOnFirstDownloadAndVerifiedAfterwards(@TempDir Path cache) throws Exception {
        upstream.served.put("Person.csv", "1\tEM\n".getBytes(StandardCharsets.UTF_8));
        upstream.files(cache).fetch(List.of("Person.csv"));
        assertThat(upstream.progress.toString(StandardCharsets.UTF_8)).contains("WARNING: Person.csv has no pinned checksum yet");
        assertThat(Files.readString(cache.resolve(UpstreamFiles.RECORDED))).contains("data/Person.csv");
        // A changed file in the cache no longer matches the recorded hash: it is fetched again.
        Files.writeString(cache.resolve("Person.csv"), "changed");
        int before = upstream.requests.get();
        upstream.files(cache).fetch(List.of("Person.csv"));
        assertThat(upstream.requests.get()).isEqualTo(before + 1);
        assertThat(Files.readString(cache.resolve("Person.csv"))).isEqualTo("1\tEM\n");
    }

    @Test
    void anHttpErrorSaysWhatFailedAndHowToWorkOffline(@TempDir Path cache) {
        assertThatThrownBy(() -> upstream.files(cache).fetch(List.of("Culture.csv")))
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
                Checksums.pinned(), new PrintStream(upstream.progress, true, StandardCharsets.UTF_8));
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
