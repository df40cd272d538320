package org.pgaw.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Text resources shipped in this jar under {@code org/pgaw/db/}. */
public final class Resources {
    private Resources() { }

    public static String text(String relative) {
        try (InputStream in = Resources.class.getResourceAsStream(relative)) {
            if (in == null) throw new IllegalStateException("resource org/pgaw/db/" + relative + " is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
