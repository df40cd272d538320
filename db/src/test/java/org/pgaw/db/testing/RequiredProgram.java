package org.pgaw.db.testing;

import java.util.function.BooleanSupplier;

/**
 * A real program some test runs.
 *
 * @param description what the skip line calls it ("psql (PostgreSQL client)")
 * @param install     the command that installs it ("sudo bash .ci/install-db.sh")
 * @param probe       true when it is installed here (see {@link Installed})
 */
public record RequiredProgram(String description, String install, BooleanSupplier probe) {
    public boolean installed() {
        return probe.getAsBoolean();
    }

    @Override
    public String toString() {
        return description;
    }
}
