package org.pgaw.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgaw.db.LearnerDatabase.ROLES;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A learner role straight at PostgreSQL, without the proxy: every write and escape route is refused by the
 * database itself; two learners cannot see each other's SQL nor cancel or terminate each other; the teacher (owner)
 * sees and stops every learner's statement. Runs the real roles, isolation and grants scripts on an empty schema.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LearnerIsolationTest {
    @RegisterExtension
    static final LearnerDatabase db = LearnerDatabase.with(st -> {
        st.execute("SET LOCAL ROLE aw_owner");
        st.execute(Resources.text("schema/10-schemas.sql"));
        st.execute("CREATE TABLE sales.customer (customerid int PRIMARY KEY, note text)");
        st.execute("INSERT INTO sales.customer VALUES (1, 'one'), (2, 'two')");
        st.execute("CREATE SEQUENCE sales.s");
        st.execute(PsqlVariables.substitute(Resources.text("schema/60-grants.sql"), ROLES.psqlVariables()));
    }, "learner_a", "learner_b");

    @Test
    void aLearnerReadsTheSchemas() throws Exception {
        try (Connection c = db.connect("learner_a"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM sales.customer")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
    }

    @Test
    void everyWriteAndEscapeRouteIsRefusedEvenInAReadWriteTransaction() throws Exception {
        String[] refused = {
            "INSERT INTO sales.customer VALUES (3, 'x')",
            "UPDATE sales.customer SET note = 'x'",
            "DELETE FROM sales.customer",
            "TRUNCATE sales.customer",
            "WITH d AS (DELETE FROM sales.customer RETURNING *) SELECT * FROM d",
            "SELECT * FROM sales.customer FOR UPDATE",
            "SELECT * INTO public.copy FROM sales.customer",
            "CREATE TABLE public.t (a int)",
            "CREATE TABLE sales.t (a int)",
            "CREATE TEMP TABLE t (a int)",
            "CREATE SCHEMA mine",
            "CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
            "CREATE EXTENSION dblink",
            "SELECT lo_from_bytea(0, 'abc')",
            "SELECT lo_create(0)",
            "SELECT lo_creat(-1)",
            "SELECT lo_import('/etc/passwd')",
            "SELECT pg_advisory_lock(1)",
            "SELECT pg_try_advisory_xact_lock(1)",
            "SELECT nextval('sales.s')",
            "SELECT setval('sales.s', 5)",
            "LOCK TABLE sales.customer IN ACCESS EXCLUSIVE MODE",
            "COPY sales.customer TO '/tmp/pgaw-learner-copy'",
            "COPY sales.customer FROM '/etc/hostname'",
            "SELECT pg_read_file('/etc/passwd')",
            "SELECT pg_reload_conf()",
            "SET ROLE aw_owner",
            "SET SESSION AUTHORIZATION aw_owner",
            "ALTER ROLE CURRENT_USER CREATEDB",
            "ALTER ROLE CURRENT_USER BYPASSRLS",
            "ALTER ROLE learner_b PASSWORD 'stolen-pw-1'",
            "ALTER ROLE learner_b SET statement_timeout = 0",
            "ALTER ROLE learner SET statement_timeout = 0",
            "GRANT learner TO learner_b",
            "SET temp_file_limit = -1",
            "ALTER TABLE sales.customer ADD COLUMN x int",
            "DROP TABLE sales.customer",
            "DO $$BEGIN INSERT INTO sales.customer VALUES (9, 'x'); END$$",
            "ALTER DATABASE adventureworks SET statement_timeout = 0",
        };
        try (Connection c = db.connect("learner_a"); Statement st = c.createStatement()) {
            java.util.List<String> gotThrough = new java.util.ArrayList<>();
            for (String sql : refused) {
                st.execute("BEGIN READ WRITE");
                try {
                    st.execute(sql);
                    gotThrough.add(sql);
                } catch (SQLException e) {
                    if (!e.getSQLState().equals("42501") && !e.getSQLState().equals("0A000")) {
                        gotThrough.add(sql + " -> " + e.getSQLState() + " " + e.getMessage());
                    }
                }
                st.execute("ROLLBACK");
            }
            assertThat(gotThrough).as("not refused with 42501").isEmpty();
            st.execute("SET default_transaction_read_only = off");
            assertThatThrownBy(() -> st.execute("ALTER SYSTEM SET work_mem = '1GB'")).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
        }
        try (Connection c = db.superuser(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM pg_largeobject_metadata),"
                     + " (SELECT count(*) FROM sales.customer)")) {
            rs.next();
            assertThat(rs.getLong(1)).as("large objects").isZero();
            assertThat(rs.getLong(2)).as("rows").isEqualTo(2);
        }
    }

    @Test
    void transactionsAreReadOnlyByDefault() throws Exception {
        try (Connection c = db.connect("learner_a"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW default_transaction_read_only")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("on");
        }
    }

    @Test
    void noOtherDatabaseIsAWayRound() {
        for (String other : new String[] {"postgres", "template1"}) {
            assertThatThrownBy(() -> db.server().connect(other, "learner_a").close()).as(other)
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        }
    }

    /** What PostgreSQL cannot take away: a role changes its own defaults; with a role per learner nobody else notices. */
    @Test
    void aLearnerAlteringThemselvesHarmsNobodyElse() throws Exception {
        try (Connection c = db.connect("learner_b"); Statement st = c.createStatement()) {
            st.execute("BEGIN READ WRITE");
            st.execute("ALTER ROLE CURRENT_USER IN DATABASE adventureworks SET statement_timeout = '1ms'");
            st.execute("COMMIT");
        }
        try (Connection c = db.connect("learner_a"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW statement_timeout")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("1min");
        } finally {
            try (Connection c = db.superuser(); Statement st = c.createStatement()) {
                st.execute("ALTER ROLE learner_b IN DATABASE adventureworks SET statement_timeout = '60s'");
            }
        }
    }

    @Test
    void learnersCannotSeeNorSignalEachOtherAndTheTeacherCan() throws Exception {
        try (Connection a = db.connect("learner_a"); Connection b = db.connect("learner_b");
             Connection teacher = db.connect(ROLES.owner())) {
            int pidA = pid(a);
            CompletableFuture<SQLException> sleeping = CompletableFuture.supplyAsync(() -> {
                try (Statement st = a.createStatement()) {
                    st.execute("SELECT pg_sleep(30) /* secret of learner a */");
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            waitUntilActive(teacher, pidA);

            try (Statement st = b.createStatement()) {
                ResultSet rs = st.executeQuery("SELECT query, state FROM pg_stat_activity WHERE pid = " + pidA);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("<insufficient privilege>");
                assertThat(rs.getString(2)).isNull();
                rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%secret of%'"
                        + " AND pid <> pg_backend_pid()");
                rs.next();
                assertThat(rs.getInt(1)).as("learner b finds learner a's SQL nowhere").isZero();
                for (String signal : new String[] {"pg_cancel_backend", "pg_terminate_backend"}) {
                    assertThatThrownBy(() -> st.execute("SELECT " + signal + "(" + pidA + ")")).as(signal)
                            .isInstanceOf(SQLException.class)
                            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
                }
            }
            try (Statement st = teacher.createStatement()) {
                ResultSet rs = st.executeQuery("SELECT query, state FROM pg_stat_activity WHERE pid = " + pidA);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).contains("secret of learner a");
                assertThat(rs.getString(2)).isEqualTo("active");
                rs = st.executeQuery("SELECT pg_cancel_backend(" + pidA + ")");
                rs.next();
                assertThat(rs.getBoolean(1)).isTrue();
            }
            SQLException cancelled = sleeping.get(20, TimeUnit.SECONDS);
            assertThat((Throwable) cancelled).isNotNull();
            assertThat(cancelled.getSQLState()).isEqualTo("57014");

            try (Statement st = teacher.createStatement();
                 ResultSet rs = st.executeQuery("SELECT pg_terminate_backend(" + pid(b) + ")")) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("the teacher may end a learner's session").isTrue();
            }
        }
    }

    @Test
    void aLearnerStillCancelsTheirOwnStatementLikePgAdminsStopButton() throws Exception {
        try (Connection a = db.connect("learner_a"); Connection a2 = db.connect("learner_a")) {
            int pidA = pid(a);
            CompletableFuture<SQLException> sleeping = CompletableFuture.supplyAsync(() -> {
                try (Statement st = a.createStatement()) {
                    st.execute("SELECT pg_sleep(30)");
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            try (Connection teacher = db.connect(ROLES.owner())) {
                waitUntilActive(teacher, pidA);
            }
            try (Statement st = a2.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_cancel_backend(" + pidA + ")")) {
                rs.next();
                assertThat(rs.getBoolean(1)).isTrue();
            }
            SQLException cancelled = sleeping.get(20, TimeUnit.SECONDS);
            assertThat((Throwable) cancelled).isNotNull();
            assertThat(cancelled.getSQLState()).isEqualTo("57014");
        }
    }

    @Test
    void theTeacherHoldsTheStatsAndSignalRolesAndLearnersDoNot() throws Exception {
        try (Connection c = db.superuser(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT r.rolname, pg_has_role(r.rolname, 'pg_read_all_stats', 'USAGE'),"
                     + " pg_has_role(r.rolname, 'pg_signal_backend', 'USAGE')"
                     + " FROM pg_roles r WHERE r.rolname IN ('aw_owner', 'learner', 'learner_a', 'learner_b')"
                     + " ORDER BY 1")) {
            StringBuilder out = new StringBuilder();
            while (rs.next()) out.append(rs.getString(1)).append(rs.getBoolean(2)).append(rs.getBoolean(3)).append(' ');
            assertThat(out.toString().trim())
                    .isEqualTo("aw_ownertruetrue learnerfalsefalse learner_afalsefalse learner_bfalsefalse");
        }
    }

    private static int pid(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void waitUntilActive(Connection observer, int pid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        try (Statement st = observer.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = st.executeQuery("SELECT wait_event FROM pg_stat_activity WHERE pid = " + pid
                        + " AND state = 'active' AND query LIKE '%pg_sleep%'")) {
                    if (rs.next()) return;
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("session " + pid + " never started its pg_sleep");
    }
}
