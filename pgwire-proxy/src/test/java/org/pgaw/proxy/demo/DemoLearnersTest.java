package org.pgaw.proxy.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.pgaw.db.PsqlVariables;
import org.pgaw.db.Resources;
import org.pgaw.db.RoleConfig;

/**
 * {@code demo --learners N}: N roles of their own, members of the learner group, which then no longer logs in; back
 * to one learner, the group logs in again. Its own PostgreSQL: the isolation rules revoke CONNECT on the server's
 * other databases, which the shared test server must keep.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoLearnersTest {
    private static final RoleConfig ROLES = new RoleConfig("dl_owner", "owner-password-123", "dl_learner",
            "learner-pw-1", 80, "60s", "10min", "1GB");
    private EmbeddedPostgres pg;

    @BeforeAll
    void start() throws Exception {
        pg = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1").start();
        try (Connection c = connect("postgres", "postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE adventureworks");
        }
        try (Connection c = connect("adventureworks", "postgres"); Statement st = c.createStatement()) {
            st.execute("BEGIN");
            st.execute(PsqlVariables.substitute(Resources.text("schema/05-roles.sql"), ROLES.psqlVariables()));
            st.execute("COMMIT");
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (pg != null) pg.close();
    }

    private Connection connect(String db, String user) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + db, user, "x");
    }

    @Test
    void severalLearnersGetRolesOfTheirOwnAndTheGroupStopsLoggingIn() throws Exception {
        List<DemoLearners.Learner> learners;
        try (Connection c = connect("adventureworks", "postgres")) {
            learners = DemoLearners.ensure(c, ROLES, 3, role -> "pw-of-" + role);
        }
        assertThat(learners).extracting(DemoLearners.Learner::role)
                .containsExactly("dl_learner1", "dl_learner2", "dl_learner3");
        assertThat(learners).extracting(DemoLearners.Learner::password)
                .containsExactly("pw-of-dl_learner1", "pw-of-dl_learner2", "pw-of-dl_learner3");
        try (Connection c = connect("adventureworks", "postgres"); Statement st = c.createStatement()) {
            assertThat(rows(st, "SELECT rolname || ':' || rolcanlogin FROM pg_roles WHERE rolname LIKE 'dl_learner%'"
                    + " ORDER BY 1")).containsExactlyInAnyOrder("dl_learner:false", "dl_learner1:true", "dl_learner2:true",
                    "dl_learner3:true");
            assertThat(rows(st, "SELECT pg_has_role('dl_learner1', 'dl_learner', 'USAGE')::text")).containsExactly("true");
            assertThat(rows(st, "SELECT pg_has_role('dl_learner1', 'dl_learner2', 'USAGE')::text")).containsExactly("false");
            assertThat(rows(st, "SELECT pg_has_role('dl_owner', 'pg_read_all_stats', 'USAGE')::text"))
                    .containsExactly("true");
            assertThat(rows(st, "SELECT array_to_string(s.setconfig, ',') FROM pg_db_role_setting s"
                    + " WHERE s.setrole = 'dl_learner2'::regrole")).singleElement().asString()
                    .contains("default_transaction_read_only=on", "statement_timeout=60s");
        }
        try (Connection c = connect("adventureworks", "dl_learner2"); Statement st = c.createStatement()) {
            assertThat(rows(st, "SELECT current_user::text")).containsExactly("dl_learner2");
        }

        try (Connection c = connect("adventureworks", "postgres")) {
            learners = DemoLearners.ensure(c, ROLES, 1, role -> "unused");
        }
        assertThat(learners).extracting(DemoLearners.Learner::role).containsExactly("dl_learner");
        try (Connection c = connect("adventureworks", "dl_learner"); Statement st = c.createStatement()) {
            assertThat(rows(st, "SELECT current_user::text")).containsExactly("dl_learner");
        }
    }

    private static List<String> rows(Statement st, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }
}
