package org.pgaw.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgaw.db.LearnerDatabase.ROLES;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The learners' fair share of the server ({@link FairShareSettings}): the group role and each learner's role carry
 * the settings, a learner's session has them, and a learner's cross join plans with neither parallel workers nor
 * JIT where the defaults would use both. (A learner may still SET them in a session PostgreSQL-side; the proxy's
 * gate refuses that in guarded sessions, see the proxy's FairShareTest.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FairShareSettingsTest {
    @RegisterExtension
    static final LearnerDatabase db = LearnerDatabase.with(st -> {
        // A table large enough for the planner to want parallel workers and JIT for a cross join.
        st.execute("CREATE TABLE big AS SELECT g AS id, md5(g::text) AS note FROM generate_series(1, 300000) g");
        st.execute("ANALYZE big");
        st.execute("GRANT SELECT ON big TO " + ROLES.learner());
    }, "learner_a");

    @Test
    void theGroupRoleAndEachLearnersRoleCarryTheSettings() throws Exception {
        for (String role : new String[] {ROLES.learner(), "learner_a"}) {
            try (Connection c = db.superuser(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT array_to_string(setconfig, ',') FROM pg_db_role_setting"
                         + " WHERE setrole = '" + role + "'::regrole")) {
                assertThat(rs.next()).isTrue();
                String settings = rs.getString(1);
                FairShareSettings.VALUES.forEach((name, value) -> assertThat(settings).as(role)
                        .contains(name + "=" + value));
            }
        }
    }

    @Test
    void aLearnersSessionHasThem() throws Exception {
        try (Connection c = db.connect("learner_a"); Statement st = c.createStatement()) {
            for (Map.Entry<String, String> s : FairShareSettings.VALUES.entrySet()) {
                try (ResultSet rs = st.executeQuery("SHOW " + s.getKey())) {
                    rs.next();
                    assertThat(rs.getString(1)).as(s.getKey()).isEqualTo(s.getValue());
                }
            }
        }
    }

    /** The measurement behind the values, printed: the defaults' plan against the learner's. */
    @Test
    void aLearnersCrossJoinUsesOneCoreAndNoJit() throws Exception {
        String crossJoin = "EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM big a, big b WHERE a.id % 1000 = b.id % 7"
                + " AND a.id < 6000";
        String defaults;
        try (Connection c = db.superuser(); Statement st = c.createStatement()) {
            st.execute("SET jit_above_cost = 100000"); // PostgreSQL's defaults, whatever this test server says
            st.execute("SET max_parallel_workers_per_gather = 2");
            st.execute("SET jit = on");
            defaults = plan(st, crossJoin);
        }
        String learner;
        try (Connection c = db.connect("learner_a"); Statement st = c.createStatement()) {
            learner = plan(st, crossJoin);
        }
        System.out.println("fair share: the defaults' plan\n" + defaults + "\nfair share: a learner's plan\n" + learner);
        assertThat(defaults).as("the test's query is one the defaults run in parallel").contains("Workers Launched");
        assertThat(learner).doesNotContain("Workers Planned").doesNotContain("JIT:");
    }

    private static String plan(Statement st, String explain) throws Exception {
        StringBuilder out = new StringBuilder();
        try (ResultSet rs = st.executeQuery(explain)) {
            while (rs.next()) out.append(rs.getString(1)).append('\n');
        }
        return out.toString();
    }
}
