package org.pgaw.db;

import static org.pgaw.db.testing.Installed.succeeds;

import java.util.function.BooleanSupplier;
import org.pgaw.db.testing.ProgramCatalogue;
import org.pgaw.db.testing.RequiredProgram;

/** The programs this module's tests run, how to tell one is installed, and what installs it ({@link NeedsPrograms}). */
public enum Program implements ProgramCatalogue {
    PSQL("psql (PostgreSQL client)", "sudo bash .ci/install-db.sh", () -> succeeds("psql", "--version"));

    private final RequiredProgram program;

    Program(String description, String install, BooleanSupplier probe) {
        program = new RequiredProgram(description, install, probe);
    }

    @Override
    public RequiredProgram program() { return program; }
}
