package org.pgaw.proxy.regress;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Where PostgreSQL 15's regression suite ({@code src/test/regress}: {@code sql/}, {@code expected/}, {@code data/},
 * {@code parallel_schedule}) and the PostgreSQL 15 programs that run it (initdb, pg_ctl, postgres, psql, pg_regress)
 * are on this machine. {@code .ci/install-regress.sh} puts them there; PostgreSQL's files are never committed here.
 *
 * <p>Missing pieces skip the test with one loud line naming the install script, or fail it when {@code CI=true}
 * (CI installs everything, so a missing piece there is a broken install, not a reason to pass).
 *
 * @param suite  the {@code src/test/regress} folder ({@code -Dpgaw.regress.dir}, {@code PGAW_REGRESS_DIR})
 * @param bindir PostgreSQL 15's programs ({@code -Dpgaw.regress.bindir})
 * @param pgRegress the pg_regress program of the same PostgreSQL (Debian ships it with pgxs)
 */
record RegressSuite(Path suite, Path bindir, Path pgRegress) {
    static final String INSTALL = "sudo bash .ci/install-regress.sh";

    static RegressSuite locateOrSkip() {
        Path suite = Path.of(setting("pgaw.regress.dir", "PGAW_REGRESS_DIR", "/opt/pgaw-regress/postgresql-15"));
        Path bindir = Path.of(setting("pgaw.regress.bindir", "PGAW_REGRESS_BINDIR", "/usr/lib/postgresql/15/bin"));
        Path pgRegress = Path.of(setting("pgaw.regress.pg_regress", "PGAW_REGRESS_PG_REGRESS",
                "/usr/lib/postgresql/15/lib/pgxs/src/test/regress/pg_regress"));
        String missing = null;
        if (!Files.isRegularFile(suite.resolve("parallel_schedule")) || !Files.isDirectory(suite.resolve("sql"))) {
            missing = "PostgreSQL's regression suite in " + suite;
        } else if (!Files.isExecutable(bindir.resolve("initdb")) || !Files.isExecutable(bindir.resolve("postgres"))
                || !Files.isExecutable(bindir.resolve("psql"))) {
            missing = "PostgreSQL 15's server programs in " + bindir;
        } else if (!Files.isExecutable(pgRegress)) {
            missing = "pg_regress at " + pgRegress;
        }
        if (missing != null) {
            String what = "PostgreSQL regression tests through the proxy need " + missing + "; install with: " + INSTALL;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true and a program is missing: " + what);
            }
            System.err.println("pgaw: SKIPPED " + what);
            Assumptions.abort(what);
        }
        return new RegressSuite(suite, bindir, pgRegress);
    }

    Path file(String relative) {
        return suite.resolve(relative);
    }

    private static String setting(String property, String env, String fallback) {
        String p = System.getProperty(property);
        if (p != null && !p.isBlank()) return p;
        String e = System.getenv(env);
        return e != null && !e.isBlank() ? e : fallback;
    }
}
