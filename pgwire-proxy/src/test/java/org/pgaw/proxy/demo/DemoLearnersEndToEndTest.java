package org.pgaw.proxy.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.pgaw.proxy.config.GuardConfig;
import org.pgaw.proxy.config.HostPort;

/**
 * {@code demo --learners 2} end to end, through the proxy with TLS: each learner logs in with their own role; learner
 * 2 cannot read learner 1's SQL in pg_stat_activity nor cancel or terminate it; the teacher sees it and cancels it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoLearnersEndToEndTest {
    private Demo demo;
    private Path workdir;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        workdir = dir;
        DemoTestSupport.Captured out = new DemoTestSupport.Captured();
        demo = Demo.start(new Demo.Options(new HostPort("127.0.0.1", 0), DemoTestSupport.mirror(), dir, false,
                GuardConfig.GuardLimits.defaults(), 2),
                out.stream, out.stream);
        assertThat(demo.instructions()).contains("2 learners", "learner1   password: ", "learner2   password: ")
                .doesNotContain("user=learner ");
    }

    @AfterAll
    void stop() {
        if (demo != null) demo.close();
    }

    private Connection connect(String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("sslmode", "require");
        p.setProperty("sslfactory", "org.postgresql.ssl.NonValidatingFactory");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + demo.address().getPort()
                + "/adventureworks", p);
    }

    private Connection learner(int i) throws SQLException {
        String[] l = demo.learners().get(i - 1);
        assertThat(l[0]).isEqualTo("learner" + i);
        return connect(l[0], l[1]);
    }

    @Test
    void theSharedGroupRoleNoLongerLogsIn() {
        assertThatThrownBy(() -> connect("learner", demo.roles().learnerPassword()).close())
                .isInstanceOf(SQLException.class).hasMessageContaining("not permitted to log in");
    }

    @Test
    void learnersCannotSeeOrStopEachOtherAndTheTeacherCan() throws Exception {
        String ownerPw = Files.readString(workdir.resolve("secrets").resolve("owner")).trim();
        try (Connection a = learner(1); Connection b = learner(2);
             Connection teacher = connect(demo.roles().owner(), ownerPw)) {
            int pidA = intOf(a, "SELECT pg_backend_pid()");
            CompletableFuture<SQLException> sleeping = CompletableFuture.supplyAsync(() -> {
                try (Statement st = a.createStatement()) {
                    st.execute("SELECT pg_sleep(25) /* secret of learner one */");
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (intOf(teacher, "SELECT count(*)::int FROM pg_stat_activity WHERE pid = " + pidA
                    + " AND query LIKE '%secret of learner one%' AND state = 'active'") == 0) {
                assertThat(System.nanoTime()).as("the teacher sees learner one's statement").isLessThan(deadline);
                Thread.sleep(50);
            }
            try (Statement st = b.createStatement();
                 ResultSet rs = st.executeQuery("SELECT query FROM pg_stat_activity WHERE pid = " + pidA)) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("<insufficient privilege>");
            }
            for (String signal : List.of("pg_cancel_backend", "pg_terminate_backend")) {
                assertThatThrownBy(() -> intOf(b, "SELECT " + signal + "(" + pidA + ")::int")).as(signal)
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
            }
            assertThat(intOf(teacher, "SELECT pg_cancel_backend(" + pidA + ")::int")).isEqualTo(1);
            SQLException cancelled = sleeping.get(20, TimeUnit.SECONDS);
            assertThat((Throwable) cancelled).isNotNull();
            assertThat(cancelled.getSQLState()).isEqualTo("57014");
        }
    }

    private static int intOf(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
