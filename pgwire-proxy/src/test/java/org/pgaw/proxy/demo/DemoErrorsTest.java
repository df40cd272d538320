package org.pgaw.proxy.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgaw.proxy.config.HostPort;

/** The errors a person starting the demo can run into, each with what to do about it. */
class DemoErrorsTest {
    @Test
    void portInUseSaysSoAndSuggestsAnother(@TempDir Path workdir) throws Exception {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = busy.getLocalPort();
            DemoTestSupport.Captured out = new DemoTestSupport.Captured();
            assertThatThrownBy(() -> Demo.start(new Demo.Options(new HostPort("127.0.0.1", port), DemoTestSupport.mirror(),
                    workdir, false), out.stream, out.stream))
                    .isInstanceOf(DemoException.class)
                    .hasMessage("cannot listen on 127.0.0.1:" + port + " (option --listen): another program already uses port "
                            + port + " (another pgwire-proxy, PgBouncer or PostgreSQL?). Stop that program or choose another"
                            + " port, e.g. --listen 127.0.0.1:" + (port + 1) + ".");
        }
    }

    /** Both need a started (empty) PostgreSQL, so they share one work directory and one initdb. */
    @Test
    void unreadableDataDirectoryAndNoNetworkWithStrictAreExplained(@TempDir Path workdir, @TempDir Path cache) throws Exception {
        DemoTestSupport.Captured out = new DemoTestSupport.Captured();
        assertThatThrownBy(() -> Demo.start(new Demo.Options(new HostPort("127.0.0.1", 0), Path.of("/nonexistent/aw-data"),
                workdir, false), out.stream, out.stream))
                .isInstanceOf(DemoException.class)
                .hasMessageContaining("The data directory /nonexistent/aw-data does not exist or is not a directory");

        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        System.setProperty("pgaw.upstream.url", "http://127.0.0.1:" + closedPort + "/data/");
        System.setProperty("pgaw.cache.dir", cache.toString());
        try {
            // Offline the demo goes on with the files it carries; --strict then refuses the incomplete result.
            assertThatThrownBy(() -> Demo.start(new Demo.Options(new HostPort("127.0.0.1", 0), null, workdir, true),
                    out.stream, out.stream))
                    .isInstanceOf(DemoException.class)
                    .hasMessageContaining("Strict mode: 7 upstream file(s) missing");
            assertThat(out.text()).contains("Could not download them, so AdventureWorks will be INCOMPLETE: 61 of 68 tables",
                    "Could not download Person.csv");
        } finally {
            System.clearProperty("pgaw.upstream.url");
            System.clearProperty("pgaw.cache.dir");
        }
    }
}
