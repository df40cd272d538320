package org.pgaw.proxy.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** The programs this module's tests run, how to tell one is installed, and what installs it ({@link NeedsPrograms}). */
public enum Program {
    PSQL("psql (PostgreSQL client)", "sudo bash .ci/install-proxy-tests.sh", () -> succeeds("psql", "--version")),
    PGBENCH("pgbench (PostgreSQL client)", "sudo bash .ci/install-proxy-tests.sh", () -> succeeds("pgbench", "--version")),
    PSYCOPG("python3 with psycopg 3", "sudo bash .ci/install-proxy-tests.sh", () -> succeeds("python3", "-c", "import psycopg")),
    OPENSSL("openssl", "sudo bash .ci/install-tls.sh", () -> onPath("openssl")),
    CHROMIUM("chromium and chromedriver (Debian packages)", "sudo bash .ci/install-proxy-tests.sh",
            () -> Files.isExecutable(Path.of("/usr/bin/chromium")) && Files.isExecutable(Path.of("/usr/bin/chromedriver")));

    private final String description;
    private final String install;
    private final BooleanSupplier check;

    Program(String description, String install, BooleanSupplier check) {
        this.description = description;
        this.install = install;
        this.check = check;
    }

    boolean installed() {
        return check.getAsBoolean();
    }

    String install() {
        return install;
    }

    @Override
    public String toString() {
        return description;
    }

    /** An executable of that name in a directory of PATH (or in one of the extra directories). */
    static boolean onPath(String name, String... extraDirs) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : (path + File.pathSeparator + String.join(File.pathSeparator, extraDirs)).split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) return true;
        }
        return false;
    }

    /** The command exits 0 within 30 s (a program that starts but lacks a part, e.g. python3 without psycopg). */
    static boolean succeeds(String... command) {
        if (!onPath(command[0])) return false;
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
