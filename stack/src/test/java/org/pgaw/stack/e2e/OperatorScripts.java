package org.pgaw.stack.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pgaw.stack.support.ChildProcess;

/**
 * The teacher's scripts, stack/learners-add.sh and stack/learners-remove.sh, run for real against a stack:
 * under Docker with the real CLI, here through stack/src/test/shim/docker, which maps their few compose
 * commands onto the local processes (psql on AdventureWorks, pgaw_admin.py in pgAdmin's Python).
 */
public final class OperatorScripts {
    private final Map<String, String> env;
    private final Path work;

    private OperatorScripts(Map<String, String> env, Path work) {
        this.env = env;
        this.work = work;
    }

    /** For the compose project named in env (COMPOSE_PROJECT_NAME and the file's variables). */
    public static OperatorScripts docker(Map<String, String> env, Path work) {
        return new OperatorScripts(Map.copyOf(env), work);
    }

    /** For the local topology: the docker shim first on PATH, pgAdmin's environment as in the setup job. */
    public static OperatorScripts local(PgAdminEnv pgAdmin, Path work, int adventureWorksPort) {
        Map<String, String> env = new HashMap<>(pgAdmin.forProcess(work.resolve("setup-data")));
        env.put("PATH", Tools.repo().resolve("stack/src/test/shim") + ":" + System.getenv("PATH"));
        env.put("PGAW_SHIM_AW_HOST", "127.0.0.1");
        env.put("PGAW_SHIM_AW_PORT", Integer.toString(adventureWorksPort));
        env.put("PGAW_SHIM_PYTHON", Tools.pgadminVenv().resolve("bin/python").toString());
        env.put("PGAW_SHIM_REPO", Tools.repo().toString());
        return new OperatorScripts(env, work);
    }

    /** learners-add.sh; returns what it printed. The accounts it made are in the CSV at out. */
    public String addLearners(List<String> emails, Path out) throws IOException {
        return run("learners-add.sh", emailFile(emails).toString(), "--out", out.toString());
    }

    /** learners-add.sh for new addresses: the accounts it handed out, read from its CSV. */
    public List<PgAdminSetup.LearnerAccount> addNewLearners(List<String> emails) throws IOException {
        Path csv = work.resolve("learners-" + System.nanoTime() + ".csv");
        addLearners(emails, csv);
        List<PgAdminSetup.LearnerAccount> accounts = PgAdminSetup.LearnerAccount.fromCsv(csv);
        if (accounts.size() != emails.size()) {
            throw new IllegalStateException("learners-add.sh handed out " + accounts.size() + " of " + emails.size()
                    + " accounts");
        }
        return accounts;
    }

    public String removeLearners(List<String> emails) throws IOException {
        return run("learners-remove.sh", emailFile(emails).toString());
    }

    private Path emailFile(List<String> emails) throws IOException {
        return Files.writeString(Files.createTempFile(work, "emails-", ".txt"), String.join("\n", emails) + "\n");
    }

    private String run(String script, String... args) {
        List<String> cmd = new ArrayList<>(List.of("bash", Tools.repo().resolve("stack/" + script).toString()));
        cmd.addAll(List.of(args));
        return ChildProcess.run(script, cmd, env, work, null, Duration.ofMinutes(10));
    }
}
