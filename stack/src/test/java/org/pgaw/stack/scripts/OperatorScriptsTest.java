package org.pgaw.stack.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgaw.stack.e2e.Tools;
import org.pgaw.stack.support.ChildProcess;

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
}
