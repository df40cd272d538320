package org.pgaw.proxy.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Round 3, finding 2: a cursor WITH HOLD is materialised when its transaction commits and then lives as long as the
 * session: {@code DECLARE c CURSOR WITH HOLD FOR SELECT repeat(md5(g::text), 30000) FROM generate_series(1, 1000) g}
 * left 1 GB of temp files (temp_file_limit) on the server's disk per session, 20 GB per learner, for as long as they
 * kept their sessions open. Server state that outlives the transaction (like prepared statements in round 2): the
 * gate refuses WITH HOLD for learners; a cursor inside a transaction stays (its life is bounded by the transaction's).
 */
class HoldCursorRound3Test {
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
            "DECLARE c CURSOR WITH HOLD FOR SELECT n FROM " + Round3Setup.TABLE,
            "declare c no scroll cursor with hold for select n from " + Round3Setup.TABLE,
            "DECLARE c BINARY INSENSITIVE SCROLL CURSOR WITH /* x */ HOLD FOR TABLE " + Round3Setup.TABLE,
            "/* lead */ DECLARE \"with\" CURSOR WITH HOLD FOR VALUES (1)",
            "DECLARE hold CURSOR WITH HOLD FOR SELECT 1"})
    void aCursorThatOutlivesItsTransactionIsRefused(String sql) throws SQLException {
        try (Connection c = setup.learner(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute(sql))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"))
                    .hasMessageContaining("WITH HOLD");
            assertThat(cursors(s)).isZero();
        }
    }

    @Test
    void theExtendedProtocolIsRefusedToo() throws SQLException {
        try (Connection c = setup.learner();
             PreparedStatement p = c.prepareStatement("DECLARE c CURSOR WITH HOLD FOR SELECT n FROM "
                     + Round3Setup.TABLE + " WHERE n > ?")) {
            p.setInt(1, 0);
            assertThatThrownBy(p::execute).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
            try (Statement s = c.createStatement()) {
                assertThat(cursors(s)).isZero();
            }
        }
    }

    @Test
    void cursorsInsideATransactionStayAllowed() throws SQLException {
        try (Connection c = setup.learner(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("DECLARE hold CURSOR WITHOUT HOLD FOR SELECT n FROM " + Round3Setup.TABLE + " ORDER BY n");
            s.execute("DECLARE d SCROLL CURSOR FOR SELECT n FROM " + Round3Setup.TABLE);
            try (ResultSet r = s.executeQuery("FETCH 3 FROM hold")) {
                int rows = 0;
                while (r.next()) rows++;
                assertThat(rows).isEqualTo(3);
            }
            assertThat(cursors(s)).isEqualTo(2);
            c.commit();
            assertThat(cursors(s)).isZero();
        }
    }

    private static int cursors(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT count(*) FROM pg_cursors WHERE name IN ('c', 'd', 'hold', 'with')")) {
            r.next();
            return r.getInt(1);
        }
    }
}
