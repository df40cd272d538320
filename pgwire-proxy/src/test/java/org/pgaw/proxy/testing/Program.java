package org.pgaw.proxy.testing;

import static org.pgaw.db.testing.Installed.onPath;
import static org.pgaw.db.testing.Installed.succeeds;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.pgaw.db.testing.ProgramCatalogue;
import org.pgaw.db.testing.RequiredProgram;

/** The programs this module's tests run, how to tell one is installed, and what installs it ({@link NeedsPrograms}). */
public enum Program implements ProgramCatalogue {
    PSQL("psql (PostgreSQL client)", "sudo bash .ci/install-proxy-tests.sh", () -> succeeds("psql", "--version")),
    PGBENCH("pgbench (PostgreSQL client)", "sudo bash .ci/install-proxy-tests.sh", () -> succeeds("pgbench", "--version")),
    PSYCOPG("python3 with psycopg 3", "sudo bash .ci/install-proxy-tests.sh", () -> succeeds("python3", "-c", "import psycopg")),
    OPENSSL("openssl", "sudo bash .ci/install-tls.sh", () -> onPath("openssl")),
    CHROMIUM("chromium and chromedriver (Debian packages)", "sudo bash .ci/install-proxy-tests.sh",
            () -> Files.isExecutable(Path.of("/usr/bin/chromium")) && Files.isExecutable(Path.of("/usr/bin/chromedriver")));

    private final RequiredProgram program;

    Program(String description, String install, BooleanSupplier probe) {
        program = new RequiredProgram(description, install, probe);
    }

    @Override
    public RequiredProgram program() { return program; }
}
