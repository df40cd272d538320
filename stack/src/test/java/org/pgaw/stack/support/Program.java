package org.pgaw.stack.support;

import static org.pgaw.db.testing.Installed.onPath;
import static org.pgaw.db.testing.Installed.succeeds;

import java.util.function.BooleanSupplier;
import org.pgaw.db.testing.ProgramCatalogue;
import org.pgaw.db.testing.RequiredProgram;

/** The programs this module's tests run, how to tell one is installed, and what installs it ({@link NeedsPrograms}). */
public enum Program implements ProgramCatalogue {
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

    private final RequiredProgram program;

    Program(String description, String install, BooleanSupplier probe) {
        program = new RequiredProgram(description, install, probe);
    }

    @Override
    public RequiredProgram program() { return program; }

    private static boolean found(Runnable lookup) {
        try {
            lookup.run();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }
}
