package org.pgaw.stack.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
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

    public static void addLearners(PgAdminEnv env, Path work, List<LearnerAccount> learners) {
        // Same JSON the operator script pipes in; test addresses and passwords are plain [A-Za-z0-9@.-].
        String json = learners.stream().map(l -> "{\"email\":\"" + l.email() + "\",\"password\":\""
                + l.webPassword() + "\",\"role\":\"" + l.dbRole() + "\"}").collect(Collectors.joining(",", "[", "]"));
        run(env, work, json, "add-learners", "-");
    }

    private static void run(PgAdminEnv env, Path work, String stdin, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(Tools.pgadminVenv().resolve("bin/python").toString(),
                Tools.repo().resolve("stack/pgadmin/pgaw_admin.py").toString()));
        cmd.addAll(List.of(args));
        ChildProcess.run("pgaw_admin.py " + args[0], cmd, env.forProcess(work.resolve("setup-data")), work, stdin,
                Duration.ofMinutes(3));
    }

    /** A learner: pgAdmin login and database role, each with its own password. */
    public record LearnerAccount(String email, String webPassword, String dbRole, String dbPassword) { }
}
