package org.pgaw.proxy.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's feed tells the teacher what each guard did and what the learner read: the row cap, the timer and
 * a refusal, each with the statement's first line and its shape; the same shape with other constants counts once
 * per learner; the lesson's counts add up statements, errors and guard actions.
 */
class ConsoleFeedTest {
    @TempDir
    static Path dir;
    private static ConsoleFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new ConsoleFixture(dir, Duration.ofMillis(700), false);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void everyGuardActionReachesTheFeedWithWhatTheLearnerSaw() throws Exception {
        String cookie = f.login();
        long after = new ObjectMapper().readTree(f.get("state", cookie).body()).path("next").asLong();
        try (Connection c = f.learner("feed"); Statement s = c.createStatement()) {
            s.execute("SELECT * FROM generate_series(1, 500) a, generate_series(1, 3) b WHERE a > 1");
            s.execute("SELECT * FROM generate_series(1, 500) a, generate_series(1, 3) b WHERE a > 2");
            assertThatThrownBy(() -> s.execute("SELECT pg_sleep(5)")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.execute("CREATE TABLE feed_test (i int)")).isInstanceOf(SQLException.class);
        }
        JsonNode state = new ObjectMapper().readTree(f.get("state?after=" + after, cookie).body());
        List<String> actions = new ArrayList<>();
        state.path("events").forEach(e -> actions.add(e.path("action").asText()));
        assertThat(actions).containsExactly("row_limit", "row_limit", "statement_timeout", "refused");

        JsonNode first = state.path("events").get(0);
        assertThat(first.path("user").asText()).isEqualTo(ConsoleFixture.LEARNER);
        assertThat(first.path("statement").asText()).startsWith("SELECT * FROM generate_series(1, 500) a");
        assertThat(first.path("message").asText()).contains("100 rows");
        assertThat(first.path("fingerprint").asText()).matches("[0-9a-f]{12}")
                .isEqualTo(state.path("events").get(1).path("fingerprint").asText());
        assertThat(state.path("events").get(2).path("message").asText()).containsIgnoringCase("time");
        assertThat(state.path("events").get(3).path("statement").asText()).isEqualTo("CREATE TABLE feed_test (i int)");

        JsonNode shape = null;
        for (JsonNode s : state.path("shapes")) {
            if (s.path("fingerprint").asText().equals(first.path("fingerprint").asText())) shape = s;
        }
        assertThat(shape).as("the cross join's shape").isNotNull();
        assertThat(shape.path("learners").asInt()).isEqualTo(1);
        assertThat(shape.path("actions").asInt()).isEqualTo(2);

        JsonNode counts = state.path("learners").path(ConsoleFixture.LEARNER);
        assertThat(counts.get(0).asLong()).as("statements").isGreaterThanOrEqualTo(4);
        assertThat(counts.get(1).asLong()).as("errors").isGreaterThanOrEqualTo(2);
        assertThat(counts.get(2).asLong()).as("guard actions").isGreaterThanOrEqualTo(4);
    }
}
