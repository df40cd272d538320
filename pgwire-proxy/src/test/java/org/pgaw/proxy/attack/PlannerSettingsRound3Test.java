package org.pgaw.proxy.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Round 3, finding 1: the planner's join search is exponential in memory and CPU, and only its settings keep it
 * polynomial. {@code SET geqo = off; SET join_collapse_limit = 100; SET from_collapse_limit = 100} and an 18-way join
 * whose conditions form one equivalence class made one backend grow from 58 MB to 1.8 GB in 20 s of planning alone.
 * Those settings are the class's resources like work_mem: refused as SET, set_config and startup options.
 */
class PlannerSettingsRound3Test {
    private static Round3Setup setup;

    @BeforeAll
    static void start() {
        setup = Round3Setup.start();
    }

    @AfterAll
    static void stop() {
        if (setup != null) setup.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SET geqo = off",
            "SET geqo TO false",
            "SET SESSION join_collapse_limit = 100",
            "SET LOCAL from_collapse_limit = 100",
            "SET geqo_threshold = 100",
            "SET geqo_pool_size = 50000000",
            "SET geqo_generations = 1000000",
            "SET geqo_effort = 10",
            "SET \"Join_Collapse_Limit\" = 100",
            "SELECT set_config('from_collapse_limit', '100', false)",
            "SELECT set_config('geqo', 'off', false)"})
    void changingThePlannersSearchIsRefused(String sql) throws SQLException {
        try (Connection c = setup.learner(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute(sql))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"))
                    .hasMessageContaining("shared by the whole class");
            assertThat(show(s, "geqo")).isEqualTo("on");
            assertThat(show(s, "join_collapse_limit")).isEqualTo("8");
            assertThat(show(s, "from_collapse_limit")).isEqualTo("8");
            assertThat(show(s, "geqo_threshold")).isEqualTo("12");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-c geqo=off", "-c join_collapse_limit=100", "--from-collapse-limit=100",
            "-c geqo_threshold=100"})
    void startupOptionsCannotChangeItEither(String options) {
        Properties p = new Properties();
        p.setProperty("options", options);
        assertThatThrownBy(() -> setup.learner(p).close())
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
    }

    @Test
    void theLearnersOwnPlannerChoicesStayAllowed() throws SQLException {
        try (Connection c = setup.learner(); Statement s = c.createStatement()) {
            s.execute("SET enable_hashjoin = off");
            s.execute("SET geqo_seed = 0.5");
            s.execute("RESET join_collapse_limit");
            assertThat(show(s, "enable_hashjoin")).isEqualTo("off");
        }
    }

    private static String show(Statement s, String name) throws SQLException {
        try (ResultSet r = s.executeQuery("SHOW " + name)) {
            r.next();
            return r.getString(1);
        }
    }
}
