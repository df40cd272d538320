package org.pgaw.proxy.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The offline AdventureWorks mirror and captured output streams for the demo tests. */
final class DemoTestSupport {
    private DemoTestSupport() { }

    static Path mirror() {
        String shared = System.getProperty("pgaw.shared.dir");
        assertThat(shared).as("system property pgaw.shared.dir (set by the Maven build)").isNotNull();
        Path d = Path.of(shared, "adventureworks", "data").toAbsolutePath().normalize();
        assertThat(d).as("offline AdventureWorks mirror").isDirectory();
        return d;
    }

    static final class Captured {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
