package org.pgaw.stack.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** The programs this module's tests run, how to tell one is installed, and what installs it ({@link NeedsPrograms}). */
public enum Program {
    // The end-to-end test and the compose check (.ci/install-stack.sh); paths can be moved, see e2e.Tools.
    PGADMIN("pgAdmin 4 virtualenv", "sudo bash .ci/install-stack.sh", () -> found(org.pgaw.stack.e2e.Tools::pgadminHome)),
    NGINX_E2E("nginx", "sudo bash .ci/install-stack.sh", () -> found(org.pgaw.stack.e2e.Tools::nginx)),
    OPENSSL_E2E("openssl", "sudo bash .ci/install-stack.sh", () -> found(org.pgaw.stack.e2e.Tools::openssl)),
    COMPOSECHECK("composecheck (compose-go)", "sudo bash .ci/install-stack.sh", () -> found(org.pgaw.stack.e2e.Tools::composecheck)),
    CHARTCHECK("chartcheck (Helm SDK + Kubernetes API types)", "sudo bash .ci/install-stack.sh", () -> found(org.pgaw.stack.deploy.Chartcheck::path)),
    // The certificate lifecycle test (.ci/install-certs.sh) runs them from PATH.
    NGINX("nginx", "sudo bash .ci/install-certs.sh", () -> onPath("nginx", "/usr/sbin")),
    CERTBOT("certbot", "sudo bash .ci/install-certs.sh", () -> onPath("certbot")),
    PEBBLE("pebble (ACME test server)", "sudo bash .ci/install-certs.sh", () -> onPath("pebble")),
    PEBBLE_CHALLTESTSRV("pebble-challtestsrv", "sudo bash .ci/install-certs.sh", () -> onPath("pebble-challtestsrv")),
    OPENSSL("openssl", "sudo bash .ci/install-certs.sh", () -> onPath("openssl")),
    PSQL("psql (PostgreSQL client)", "sudo bash .ci/install-certs.sh", () -> succeeds("psql", "--version")),
    UNSHARE_SETPRIV("unshare and setpriv (util-linux)", "sudo bash .ci/install-certs.sh",
            () -> onPath("unshare", "/usr/bin") && onPath("setpriv", "/usr/bin")),
    ROOT("root (unshare --mount, setpriv, chgrp)", "nothing: run the tests as root, e.g. sudo bash .ci/run",
            () -> "root".equals(System.getProperty("user.name")));

    private static boolean found(Runnable lookup) {
        try {
            lookup.run();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

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
