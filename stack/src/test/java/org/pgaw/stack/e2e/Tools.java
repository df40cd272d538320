package org.pgaw.stack.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the real programs of the end-to-end test live. .ci/install-stack.sh puts them there; each can be
 * moved with a system property or environment variable. A test that needs one says so with
 * {@code @NeedsPrograms}: skipped with one loud line when it is missing, failed with CI=true.
 */
public final class Tools {
    private Tools() { }

    /** The pgAdmin 4 virtualenv (pgadmin4 + gunicorn, pinned in stack/pgadmin/requirements-e2e.txt). */
    public static Path pgadminVenv() {
        return existing(setting("pgaw.pgadmin.venv", "PGAW_PGADMIN_VENV", "/opt/pgaw-pgadmin"), "bin/gunicorn");
    }

    /** pgAdmin's source folder inside that venv (where pgAdmin4.py and setup.py are). */
    public static Path pgadminHome() {
        Path lib = pgadminVenv().resolve("lib");
        try (var dirs = Files.list(lib)) {
            Path home = dirs.map(d -> d.resolve("site-packages/pgadmin4"))
                    .filter(d -> Files.isRegularFile(d.resolve("pgAdmin4.py"))).findFirst().orElse(null);
            if (home == null) throw missing(lib + "/python3*/site-packages/pgadmin4/pgAdmin4.py");
            return home;
        } catch (java.io.IOException e) {
            throw missing(lib.toString());
        }
    }

    public static Path nginx() {
        return existing(setting("pgaw.nginx", "PGAW_NGINX", "/usr/sbin/nginx"), "");
    }

    public static Path openssl() {
        return existing(setting("pgaw.openssl", "PGAW_OPENSSL", "/usr/bin/openssl"), "");
    }

    /** The compose-go validator built from stack/tools/composecheck. */
    public static Path composecheck() {
        return existing(setting("pgaw.composecheck", "PGAW_COMPOSECHECK", "/opt/pgaw-tools/composecheck"), "");
    }

    /** The repository checkout (surefire passes pgaw.repo.dir). */
    public static Path repo() {
        String dir = System.getProperty("pgaw.repo.dir");
        Path p = dir != null ? Path.of(dir) : Path.of("..").toAbsolutePath().normalize();
        if (!Files.isRegularFile(p.resolve("stack/compose.yaml"))) {
            throw new IllegalStateException("pgaw.repo.dir does not point at the checkout: " + p);
        }
        return p;
    }

    private static String setting(String property, String env, String fallback) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) v = System.getenv(env);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static Path existing(String base, String inside) {
        Path p = inside.isEmpty() ? Path.of(base) : Path.of(base).resolve(inside);
        if (!Files.exists(p)) throw missing(p.toString());
        return inside.isEmpty() ? p : Path.of(base);
    }

    private static IllegalStateException missing(String what) {
        return new IllegalStateException(what + " is missing: run `bash .ci/install-stack.sh` (as root) first");
    }
}
