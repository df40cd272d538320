package org.pgaw.stack.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgaw.stack.e2e.Tools;
import org.pgaw.stack.support.ChildProcess;
import org.pgaw.stack.support.Command;

/**
 * The operator scripts' own logic, run by the real bash: input checking, role names, passwords. (Their
 * Docker commands run only where Docker exists; ComposeStackDockerTest covers that.)
 */
class OperatorScriptsTest {
    @TempDir
    Path tmp;

    private String bash(String script) {
        return ChildProcess.run("bash", List.of("bash", "-c", "source stack/lib.sh; " + script), Map.of(),
                Tools.repo(), null, Duration.ofSeconds(30)).strip();
    }

    @Test
    void everyScriptParses() {
        for (String s : List.of("lib.sh", "up.sh", "learners-add.sh", "learners-remove.sh")) {
            ChildProcess.run("bash -n " + s, List.of("bash", "-n", "stack/" + s), Map.of(), Tools.repo(), null,
                    Duration.ofSeconds(10));
        }
    }

    @Test
    void emailListsAreCleanedAndDeduplicated() throws Exception {
        Path f = tmp.resolve("emails.txt");
        Files.writeString(f, "# class 2026a\nAlice@School.example\n\n  bob@school.example  \nalice@school.example\n");
        assertThat(bash("read_emails " + f + "; printf '%s\\n' \"${EMAILS[@]}\""))
                .isEqualTo("alice@school.example\nbob@school.example");
    }

    @Test
    void aBadLineStopsEverythingAndNamesTheLine() throws Exception {
        Path f = tmp.resolve("emails.txt");
        Files.writeString(f, "alice@school.example\nnot an address\nbob@school\n");
        assertThatThrownBy(() -> bash("read_emails " + f))
                .hasMessageContaining("line 2").hasMessageContaining("line 3").hasMessageContaining("nothing was changed");
    }

    @Test
    void roleNamesAreSafeDistinctAndStable() {
        String a = bash("role_for alice.smith@school-a.example");
        String b = bash("role_for alice.smith@school-b.example");
        assertThat(a).matches("l_alice_smith_[0-9a-f]{6}").isNotEqualTo(b);
        assertThat(bash("role_for alice.smith@school-a.example")).isEqualTo(a);
        assertThat(bash("role_for \"o'brien+x@school.example\"")).matches("l_o_brien_x_[0-9a-f]{6}");
    }

    @Test
    void passwordsAreLongRandomAndPlain() {
        String p1 = bash("random_password");
        String p2 = bash("random_password");
        assertThat(p1).matches("[A-Za-z0-9]{24}").isNotEqualTo(p2);
    }

    /**
     * stack/up.sh, the teacher's first command, in a copy of stack/ with the docker shim recording what it starts:
     * secrets made once and kept, stack/.env written without losing the operator's own lines, the admin password
     * shown only when it was made, everything started with --build --wait.
     */
    @Test
    void upMakesSecretsOnceKeepsTheOperatorsSettingsAndStartsEverything() throws Exception {
        Path stack = Files.createDirectories(tmp.resolve("copy/stack"));
        for (String f : List.of("up.sh", "lib.sh", "certs/Dockerfile")) {
            Files.createDirectories(stack.resolve(f).getParent());
            Files.copy(Tools.repo().resolve("stack/" + f), stack.resolve(f));
        }
        Path log = tmp.resolve("shim.log");
        Map<String, String> env = Map.of("PATH", Tools.repo().resolve("stack/src/test/shim") + ":" + System.getenv("PATH"),
                "PGAW_SHIM_LOG", log.toString());
        List<String> up = List.of("bash", stack.resolve("up.sh").toString());

        Command.Result first = Command.run(concat(up, "--admin-email", "teacher@school.example"), env, tmp,
                Duration.ofSeconds(30)).assertSuccess("up.sh");
        Path secrets = stack.resolve("secrets");
        List<String> names = List.of("settings_db_password", "pgadmin_admin_password", "adventureworks_admin_password",
                "adventureworks_owner_password", "adventureworks_learner_password");
        Map<String, String> made = new java.util.HashMap<>();
        for (String n : names) {
            made.put(n, Files.readString(secrets.resolve(n)));
            assertThat(made.get(n)).as(n).matches("[A-Za-z0-9]{24}");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.resolve(n)))).isEqualTo("rw-r--r--");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets))).isEqualTo("rwx------");
        assertThat(first.output()).as("the admin password, shown once").contains(made.get("pgadmin_admin_password"));
        assertThat(Files.readAllLines(stack.resolve(".env"))).containsExactly("PGAW_ADMIN_EMAIL=teacher@school.example",
                "PGAW_DOMAIN=", "PGAW_ACME_EMAIL=teacher@school.example");
        assertThat(Files.readAllLines(log)).containsExactly("compose up -d --build --wait --wait-timeout 600");

        Files.writeString(stack.resolve(".env"), "PGAW_HTTPS_PORT=8443\n", java.nio.file.StandardOpenOption.APPEND);
        Command.Result again = Command.run(concat(up, "--domain", "class.school.example"), env, tmp,
                Duration.ofSeconds(30)).assertSuccess("up.sh again");
        for (String n : names) assertThat(Files.readString(secrets.resolve(n))).as(n + " kept").isEqualTo(made.get(n));
        assertThat(again.output()).as("no password the second time").doesNotContain(made.get("pgadmin_admin_password"));
        assertThat(Files.readAllLines(stack.resolve(".env"))).containsExactly("PGAW_ADMIN_EMAIL=teacher@school.example",
                "PGAW_DOMAIN=class.school.example", "PGAW_ACME_EMAIL=teacher@school.example", "PGAW_HTTPS_PORT=8443");

        Command.Result bad = Command.run(concat(up, "--admin-email", "not-an-address"), env, tmp, Duration.ofSeconds(30));
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.output()).contains("give the teacher's e-mail address");
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new java.util.ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }
}
