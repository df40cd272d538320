package org.pgaw.proxy.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pgaw.proxy.testing.TestPostgres;

/**
 * Round 3, finding 5: {@code txid_current()} and {@code pg_current_xact_id()} assign a transaction ID even in a
 * read-only transaction, and its commit is written to the WAL. One learner with pgbench burned 49,170 XIDs (1.9 MB
 * of WAL) in 5 s through the proxy: at that pace the database's anti-wraparound vacuum of every table starts within
 * hours and a few learners bring wraparound protection's shutdown within a day. A learner's statement writes nothing:
 * the gate refuses the functions that assign an XID (their {@code _if_assigned} forms only read and stay allowed).
 */
class XidRound3Test {
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
    @ValueSource(strings = {"SELECT txid_current()", "SELECT pg_catalog.pg_current_xact_id()",
            "SELECT n, txid_current() FROM " + Round3Setup.TABLE, "SELECT (1).txid_current",
            "SELECT \"pg_current_xact_id\"()"})
    void statementsThatAssignATransactionIdAreRefused(String sql) throws Exception {
        long before = nextXid();
        try (Connection c = setup.learner(); Statement s = c.createStatement()) {
            for (int i = 0; i < 20; i++) {
                assertThatThrownBy(() -> s.execute(sql)).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
            }
        }
        assertThat(nextXid() - before).as("XIDs assigned while the learner tried 20 times").isLessThan(20);
    }

    @Test
    void readingTheTransactionStateStaysAllowed() throws SQLException {
        try (Connection c = setup.learner(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT txid_current_if_assigned(), pg_current_xact_id_if_assigned(),"
                     + " pg_current_snapshot() IS NOT NULL, txid_current_snapshot() IS NOT NULL")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isNull();
            assertThat(r.getBoolean(3)).isTrue();
        }
    }

    /** The next XID, read behind the proxy's back without assigning one. */
    private static long nextXid() throws SQLException {
        try (Connection c = TestPostgres.direct(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint")) {
            r.next();
            return r.getLong(1);
        }
    }
}
