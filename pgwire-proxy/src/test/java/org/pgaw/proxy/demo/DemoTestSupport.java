package org.pgaw.proxy.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.pgaw.db.testing.BundledMirror;

/** The bundled AdventureWorks files and captured output streams for the demo tests. */
final class DemoTestSupport {
    private DemoTestSupport() { }

    /** The files the project carries (61 of 68 tables), extracted into this module's target/ and verified. */
    static Path mirror() {
        return BundledMirror.path();
    }

    static final class Captured {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
