package org.pgaw.stack.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.pgaw.stack.support.ChildProcess;

/**
 * Runs the repository's stack/pgadmin/pgaw_admin.py with pgAdmin's Python, exactly as the one-shot
 * pgadmin-setup service does: once, before any replica starts.
 */
public final class PgAdminSetup {
    private PgAdminSetup() { }

    public static void init(PgAdminEnv env, Path work) {
        run(env, work, null, "init");
    }

    private static void run(PgAdminEnv env, Path work, String stdin, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(Tools.pgadminVenv().resolve("bin/python").toString(),
                Tools.repo().resolve("stack/pgadmin/pgaw_admin.py").toString()));
        cmd.addAll(List.of(args));
        ChildProcess.run("pgaw_admin.py " + args[0], cmd, env.forProcess(work.resolve("setup-data")), work, stdin,
                Duration.ofMinutes(3));
    }

    /** A learner: pgAdmin login and database role, each with its own password. */
    public record LearnerAccount(String email, String webPassword, String dbRole, String dbPassword) {
        private static final String CSV_HEADER = "email,pgadmin_password,db_role,db_password";

        /** The CSV stack/learners-add.sh writes for the teacher (addresses and passwords need no quoting). */
        public static List<LearnerAccount> fromCsv(Path csv) throws java.io.IOException {
            List<String> lines = java.nio.file.Files.readAllLines(csv);
            if (lines.isEmpty() || !lines.get(0).equals(CSV_HEADER)) {
                throw new IllegalStateException(csv + " does not start with " + CSV_HEADER + ": " + lines);
            }
            return lines.subList(1, lines.size()).stream().map(line -> {
                String[] f = line.split(",", -1);
                if (f.length != 4) throw new IllegalStateException("not a learner line in " + csv + ": " + line);
                return new LearnerAccount(f[0], f[1], f[2], f[3]);
            }).toList();
        }
    }
}
