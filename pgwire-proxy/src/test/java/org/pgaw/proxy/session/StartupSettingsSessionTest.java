package org.pgaw.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pgaw.proxy.ProxyServer;
import org.pgaw.proxy.config.GuardConfig;
import org.pgaw.proxy.config.GuardConfig.GuardLimits;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.config.ProxyConfig;
import org.pgaw.proxy.testing.TestPostgres;

/**
 * Startup parameters override a role's defaults: a guarded session may not bring the guards' settings with it
 * ({@code options=-c statement_timeout=0}, PGOPTIONS, or the setting as a parameter of its own); it gets FATAL 42501
 * before anything reaches PostgreSQL. Other settings pass, and the exempt teacher may bring anything.
 */
class StartupSettingsSessionTest {
    private static ProxyServer proxy;

    @BeforeAll
    static void start() {
        TestPostgres.exec("DO $$ BEGIN CREATE ROLE teacher LOGIN SUPERUSER; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        TestPostgres.exec("DO $$ BEGIN CREATE ROLE startup_learner LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        proxy = ProxyServer.start(ProxyConfig.defaults().withTls(null).withAdmin(null)
                .withListen(new HostPort("127.0.0.1", 0)).withBackend(TestPostgres.address())
                .withGuard(new GuardConfig(true, GuardLimits.defaults(), List.of(), List.of("teacher"))));
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    private static Connection connect(String user, String options) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("sslmode", "disable");
        if (options != null) p.setProperty("options", options);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.address().getPort() + "/postgres", p);
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aLearnerCannotBringTheGuardsSettingsInTheStartupPacket() {
        for (String options : new String[] {"-c statement_timeout=0", "-c idle_in_transaction_session_timeout=0",
            "-c default_transaction_read_only=off", "--statement-timeout=0", "-c work_mem=64GB"}) {
            assertThatThrownBy(() -> connect("startup_learner", options).close()).as(options)
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"))
                    .hasMessageContaining("does not accept");
        }
    }

    @Test
    void otherSettingsPassAndTheTeacherMayBringAnything() throws SQLException {
        try (Connection c = connect("startup_learner", "-c search_path=pg_catalog")) {
            assertThat(show(c, "search_path")).isEqualTo("pg_catalog");
        }
        try (Connection c = connect("teacher", "-c statement_timeout=0")) {
            assertThat(show(c, "statement_timeout")).isEqualTo("0");
        }
    }
}
