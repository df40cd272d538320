package org.pgaw.proxy.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pgaw.proxy.testing.WireClient;

/**
 * Round 2, class: one setting, several names. PostgreSQL still accepts the old names {@code sort_mem} and
 * {@code vacuum_mem} and maps them to work_mem and maintenance_work_mem (guc.c map_old_guc_names), so
 * {@code SET sort_mem = '1GB'} lifted the memory a learner's sorts and hashes may take, which the gate refuses
 * as {@code SET work_mem}.
 */
class SettingAliasRound2Test {
    private static Round2Proxy proxy;

    @BeforeAll
    static void start() {
        proxy = Round2Proxy.start();
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SET sort_mem = '1GB'",
        "SET SESSION SORT_MEM TO 1048576",
        "SET LOCAL \"sort_mem\" = '1GB'",
        "SELECT set_config('sort_mem', '1GB', false)",
        "SET vacuum_mem = '1GB'"})
    void oldNamesOfMemorySettingsAreRefused(String sql) throws SQLException {
        try (Connection c = proxy.learner("simple"); Statement s = c.createStatement()) {
            String workMem = show(s, "work_mem");
            String maintenance = show(s, "maintenance_work_mem");
            assertThatThrownBy(() -> s.execute(sql)).isInstanceOfSatisfying(SQLException.class, e -> {
                assertThat(e.getSQLState()).isEqualTo("42501");
                assertThat(e.getMessage()).contains("pgaw:");
            });
            assertThat(show(s, "work_mem")).isEqualTo(workMem);
            assertThat(show(s, "maintenance_work_mem")).isEqualTo(maintenance);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"options=-c sort_mem=1GB", "sort_mem=1GB"})
    void oldNamesAtStartupAreRefused(String parameter) throws IOException {
        String[] kv = parameter.split("=", 2);
        try (WireClient c = new WireClient(proxy.address())) {
            c.send(WireClient.startup(3, 0, "user", Round2Proxy.LEARNER, "database", "postgres", kv[0], kv[1]));
            WireClient.Message first = c.read();
            assertThat(first.tag()).as("the session with %s was let in", parameter).isEqualTo('E');
            assertThat(first.fields().get('S')).isEqualTo("FATAL");
            assertThat(first.fields().get('M')).contains("pgaw:");
        }
    }

    private static String show(Statement s, String setting) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
