package org.pgaw.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgaw.proxy.it.support.ItEnv;
import org.pgaw.proxy.it.support.ItExtension;
import org.postgresql.PGStatement;

/** pgjdbc through the target with each query protocol it has: simple, extended (unnamed) and named prepared. */
@ExtendWith(ItExtension.class)
class JdbcProtocolTest {

    @Test
    void simpleProtocolRunsAMultiStatementStringAndReturnsEveryResult(ItEnv env) throws SQLException {
        try (Connection c = env.connect(Map.of("preferQueryMode", "simple")); Statement s = c.createStatement()) {
            assertThat(s.execute("SELECT 1 AS a; SELECT 'zwei' AS b, NULL::int AS n; SELECT 'ünïcödé ✓'")).isTrue();
            List<Object> seen = new ArrayList<>();
            do {
                try (ResultSet rs = s.getResultSet()) {
                    while (rs.next()) seen.add(rs.getObject(1));
                }
            } while (s.getMoreResults());
            assertThat(seen).containsExactly(1, "zwei", "ünïcödé ✓");
        }
    }

    @Test
    void extendedProtocolBindsParametersOfSeveralTypes(ItEnv env) throws SQLException {
        try (Connection c = env.connect(Map.of("prepareThreshold", "0"));
             PreparedStatement ps = c.prepareStatement("SELECT ?::int + 1, upper(?), length(?::bytea), ? IS NULL")) {
            ps.setInt(1, 41);
            ps.setString(2, "abc");
            ps.setBytes(3, new byte[] {0, 1, 2, (byte) 255});
            ps.setNull(4, java.sql.Types.INTEGER);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
                assertThat(rs.getString(2)).isEqualTo("ABC");
                assertThat(rs.getInt(3)).isEqualTo(4);
                assertThat(rs.getBoolean(4)).isTrue();
            }
        }
    }

    @Test
    void namedPreparedStatementsAreReusedOnTheServer(ItEnv env) throws SQLException {
        try (Connection c = env.connect(Map.of("prepareThreshold", "1"));
             PreparedStatement ps = c.prepareStatement("SELECT g * ? FROM generate_series(1, 3) g ORDER BY g")) {
            for (int k = 1; k <= 10; k++) {
                ps.setInt(1, k);
                List<Integer> got = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) got.add(rs.getInt(1));
                }
                assertThat(got).containsExactly(k, 2 * k, 3 * k);
            }
            assertThat(ps.unwrap(PGStatement.class).isUseServerPrepare()).isTrue();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_prepared_statements"
                         + " WHERE statement LIKE '%g * $1%' AND statement NOT LIKE '%pg_prepared%'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the named statement lives on the backend").isEqualTo(1);
            }
        }
    }

    @Test
    void fetchSizeStreamsAPortalInPieces(ItEnv env) throws SQLException {
        try (Connection c = env.connect(Map.of())) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT g, repeat('x', 100) FROM generate_series(1, 20000) g ORDER BY g")) {
                ps.setFetchSize(128);
                long rows = 0;
                long sum = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        sum += rs.getLong(1);
                        assertThat(rs.getString(2)).hasSize(100);
                    }
                }
                assertThat(rows).isEqualTo(20000);
                assertThat(sum).isEqualTo(20000L * 20001 / 2);
            }
            c.commit();
        }
    }

    @Test
    void batchOfManyBindsWithOneSyncArrivesWhole(ItEnv env) throws SQLException {
        try (Connection c = env.connect(Map.of()); Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE batch_t (id int PRIMARY KEY, v text)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO batch_t VALUES (?, ?)")) {
                for (int i = 0; i < 2000; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, "row " + i);
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                assertThat(counts).hasSize(2000);
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*), sum(id) FROM batch_t")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2000);
                assertThat(rs.getLong(2)).isEqualTo(1999L * 2000 / 2);
            }
        }
    }

    @Test
    void anErrorInATransactionAbortsItAndTheSessionRecovers(ItEnv env) throws SQLException {
        try (Connection c = env.connect(Map.of()); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            assertThatThrownBy(() -> s.execute("SELECT 1/0"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22012"));
            assertThatThrownBy(() -> s.execute("SELECT 1"))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25P02"));
            c.rollback();
            try (ResultSet rs = s.executeQuery("SELECT 7")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(7);
            }
            c.commit();
        }
    }

    @Test
    void aLargeParameterAndALargeValueRoundTrip(ItEnv env) throws SQLException {
        String big = "ab".repeat(2_500_000);
        try (Connection c = env.connect(Map.of());
             PreparedStatement ps = c.prepareStatement("SELECT md5(?), repeat('z', 3000000)")) {
            ps.setString(1, big);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(md5Hex(big));
                assertThat(rs.getString(2)).hasSize(3_000_000);
            }
        }
    }

    @Test
    void noticesArriveAsWarnings(ItEnv env) throws SQLException {
        try (Connection c = env.connect(Map.of()); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN RAISE NOTICE 'hello from plpgsql'; END $$");
            java.sql.SQLWarning w = s.getWarnings();
            assertThat(w == null ? null : w.getMessage()).contains("hello from plpgsql");
        }
    }

    private static String md5Hex(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("MD5").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
