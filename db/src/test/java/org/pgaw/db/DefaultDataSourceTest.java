package org.pgaw.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's default source: the carried files, completed online, and one plain line when offline. */
class DefaultDataSourceTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);

    @Test
    void withoutANetworkItGoesOnWithTheCarriedFilesAndSaysSoInOneLine(@TempDir Path cache) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        UpstreamFiles offline = new UpstreamFiles(URI.create("http://127.0.0.1:" + closedPort + "/data/"), cache,
                Checksums.pinned(), outStream);
        Path dir = new DefaultDataSource(offline, cache).prepare(outStream);

        assertThat(dir).isEqualTo(cache);
        for (String f : LoadPlan.standard().files()) {
            assertThat(Files.exists(cache.resolve(f))).as(f).isEqualTo(!TestData.MISSING.containsValue(f));
        }
        String said = out.toString(StandardCharsets.UTF_8);
        assertThat(said.lines().filter(l -> l.startsWith("Could not download them"))).singleElement().asString()
                .contains("INCOMPLETE: 61 of 68 tables get their rows, 7 of the largest stay empty", "Person.csv");
        assertThat(said).doesNotContain("Offline alternative");
    }

    @Test
    void withANetworkTheSevenLargestAreDownloadedAndNothingIsMissing(@TempDir Path cache) throws Exception {
        try (LocalUpstream upstream = new LocalUpstream()) {
            for (String f : TestData.MISSING.values()) upstream.served.put(f, ("stand-in for " + f + "\n").getBytes(StandardCharsets.UTF_8));
            Path dir = new DefaultDataSource(upstream.files(cache), cache).prepare(outStream);
            for (String f : LoadPlan.standard().files()) assertThat(dir.resolve(f)).as(f).isRegularFile();
            assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("Could not download");
            assertThat(Files.readString(dir.resolve("Person.csv"))).isEqualTo("stand-in for Person.csv\n");
        }
    }
}
