package org.pgaw.proxy.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pgaw.proxy.testing.TestPostgres;

/**
 * Round 2: ways a learner's statement reached what the statement gate refuses without writing the refused call as
 * {@code name(...)}. Each attempt runs through the guarded proxy with pgjdbc in both protocols; the proof that it was
 * stopped is the gate's refusal (42501, "pgaw:") AND the server's state afterwards (the setting unchanged, no lock).
 */
class GateRound2Test {
    private static Round2Proxy proxy;

    @BeforeAll
    static void start() {
        proxy = Round2Proxy.start();
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    /**
     * Class: SQL given as a string to a function runs with neither the gate nor the rewriter looking.
     * {@code ts_rewrite(tsquery, text)} runs its second argument as a query, so a learner could call
     * set_config on the guards' own settings (work_mem, statement_timeout, default_transaction_read_only ...).
     */
    @ParameterizedTest
    @ValueSource(strings = {"simple", "extended"})
    void tsRewriteCannotRunSqlGivenAsAString(String mode) throws SQLException {
        try (Connection c = proxy.learner(mode); Statement s = c.createStatement()) {
            String before = show(s, "work_mem");
            assertThatThrownBy(() -> s.executeQuery("SELECT ts_rewrite('a'::tsquery, 'SELECT ''a''::tsquery,"
                    + " ''b''::tsquery FROM (SELECT set_config(''work_mem'', ''1GB'', false)) s')"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("42501");
                        assertThat(e.getMessage()).contains("pgaw:").contains("ts_rewrite");
                    });
            assertThat(show(s, "work_mem")).isEqualTo(before);
            assertThatThrownBy(() -> s.executeQuery("SELECT pg_catalog.\"ts_rewrite\"('a'::tsquery,"
                    + " 'SELECT ''a''::tsquery, ''b''::tsquery')"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
        }
    }

    /**
     * Class: PostgreSQL reads {@code (expr).f} as the call {@code f(expr)} of a one-argument function (field
     * notation), so a denied function need not be followed by a parenthesis. In this test database the learner may
     * execute pg_advisory_lock (the class database revokes it too), so a slip of the gate would really lock.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT (1::bigint).pg_advisory_lock",
        "SELECT (1::bigint).\"pg_advisory_lock\"",
        "SELECT (ARRAY[1::bigint])[1].pg_advisory_lock",
        "SELECT (x).pg_advisory_lock FROM (VALUES (1::bigint)) v(x)",
        "SELECT (x) . PG_ADVISORY_LOCK FROM (VALUES (1::bigint)) v(x)"})
    void fieldNotationCannotCallDeniedFunctions(String sql) throws SQLException {
        try (Connection c = proxy.learner("simple"); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery(sql))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("42501");
                        assertThat(e.getMessage()).contains("pgaw:").containsIgnoringCase("pg_advisory_lock");
                    });
            assertThat(advisoryLocks()).isZero();
        }
    }

    /** Field notation that reads a field, or calls a harmless function, still runs. */
    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT (r).id FROM (SELECT r FROM r2_rows r ORDER BY id LIMIT 1) s",
        "SELECT ('work_mem').current_setting IS NOT NULL",
        "SELECT (pg_catalog.pg_class.*).relname FROM pg_catalog.pg_class LIMIT 1"})
    void fieldNotationStillReadsFields(String sql) throws SQLException {
        try (Connection c = proxy.learner("extended"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
        }
    }

    private static String show(Statement s, String setting) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int advisoryLocks() throws SQLException {
        try (Connection c = TestPostgres.direct(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
