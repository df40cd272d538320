package org.pgaw.proxy.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgaw.db.RoleConfig;

/** The demo's PostgreSQL: loads once, is reused on the next start, and accepts nobody without a password. */
class DemoDatabaseTest {
    @Test
    void loadsOnceThenReusesTheDataAndRequiresPasswords(@TempDir Path workdir) throws Exception {
        DemoWorkdir dir = new DemoWorkdir(workdir);
        dir.create();
        RoleConfig roles = RoleConfig.withPasswords(dir.password("owner", 24), dir.password("learner", 12));
        DemoTestSupport.Captured out = new DemoTestSupport.Captured();
        long firstMs;
        long t0 = System.nanoTime();
        try (DemoDatabase db = DemoDatabase.start(dir)) {
            String status = db.ensureLoaded(DemoTestSupport.mirror(), false, roles, out.stream, out.stream);
            firstMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(status).contains("INCOMPLETE", "person.person (Person.csv)");
            assertThat(out.text()).contains("Loaded 244,068 rows into 61 tables", "INCOMPLETE");
            int port = db.port();
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + DemoDatabase.DATABASE;
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "wrong-password").close())
                    .isInstanceOf(SQLException.class).satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
            try (Connection c = DriverManager.getConnection(url, roles.learner(), roles.learnerPassword());
                 Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM sales.store")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(701);
            }
        }
        DemoTestSupport.Captured again = new DemoTestSupport.Captured();
        long t1 = System.nanoTime();
        try (DemoDatabase db = DemoDatabase.start(dir)) {
            String status = db.ensureLoaded(DemoTestSupport.mirror(), false, roles, again.stream, again.stream);
            long secondMs = (System.nanoTime() - t1) / 1_000_000;
            System.out.printf("[measured] demo database first start incl. initdb + load: %d ms, second start: %d ms%n", firstMs, secondMs);
            assertThat(again.text()).contains("Reusing the AdventureWorks loaded earlier").doesNotContain("Loaded");
            assertThat(status).contains("INCOMPLETE");
            assertThat(secondMs).isLessThan(firstMs);
        }
        assertThat(dir.secretFile("learner")).isRegularFile();
        assertThat(java.nio.file.Files.getPosixFilePermissions(dir.secretFile("learner")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }
}
