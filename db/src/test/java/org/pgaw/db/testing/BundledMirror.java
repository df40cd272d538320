package org.pgaw.db.testing;

import java.nio.file.Path;
import org.pgaw.db.BundledData;
import org.pgaw.db.LoadException;

/** The AdventureWorks files the project carries, for the tests of every module that load them. */
public final class BundledMirror {
    private BundledMirror() { }

    /**
     * The files ({@link BundledData}: 61 of 68 tables), extracted once into the running module's {@code target/} and
     * verified against the pinned checksums. Nothing outside the checkout is read.
     */
    public static Path path() {
        try {
            return BundledData.extractTo(Path.of("target", "adventureworks-data").toAbsolutePath());
        } catch (LoadException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
