package org.pgaw.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgaw.proxy.it.support.ItEnv;
import org.pgaw.proxy.it.support.ItExtension;
import org.postgresql.PGConnection;

/**
 * Every way a running statement gets stopped: pgjdbc's CancelRequest ({@code Statement.cancel()}), its
 * {@code setQueryTimeout} (also a CancelRequest, from a timer) and pgAdmin's way, {@code pg_cancel_backend(pid)} from
 * another connection, which only works if the pid the client was told is the real backend's.
 */
@ExtendWith(ItExtension.class)
class JdbcCancelTest {
    private static final String QUERY_CANCELED = "57014";

    @Test
    void statementCancelStopsARunningQueryAndTheSessionGoesOn(ItEnv env) throws Exception {
        try (Connection c = env.connect(Map.of()); Statement s = c.createStatement()) {
            long started = System.nanoTime();
            CompletableFuture<Void> canceller = CompletableFuture.runAsync(() -> {
                sleep(700);
                try {
                    s.cancel();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThatThrownBy(() -> s.execute("SELECT pg_sleep(30)"))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(QUERY_CANCELED));
            canceller.get(5, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(selectInt(s, "SELECT 5")).isEqualTo(5);
        }
    }

    @Test
    void queryTimeoutCancelsInTime(ItEnv env) throws Exception {
        try (Connection c = env.connect(Map.of()); Statement s = c.createStatement()) {
            s.setQueryTimeout(1);
            long started = System.nanoTime();
            assertThatThrownBy(() -> s.execute("SELECT pg_sleep(30)"))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(QUERY_CANCELED));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            s.setQueryTimeout(0);
            assertThat(selectInt(s, "SELECT 6")).isEqualTo(6);
        }
    }

    @Test
    void theBackendPidTheClientSeesIsTheRealOne(ItEnv env) throws Exception {
        try (Connection c = env.connect(Map.of()); Statement s = c.createStatement()) {
            int announced = c.unwrap(PGConnection.class).getBackendPID();
            assertThat(selectInt(s, "SELECT pg_backend_pid()")).isEqualTo(announced);
        }
    }

    @Test
    void pgCancelBackendFromASecondConnectionCancelsTheFirst(ItEnv env) throws Exception {
        try (Connection victim = env.connect(Map.of()); Connection other = env.connect(Map.of());
             Statement vs = victim.createStatement(); Statement os = other.createStatement()) {
            int pid = victim.unwrap(PGConnection.class).getBackendPID();
            CompletableFuture<SQLException> running = CompletableFuture.supplyAsync(() -> {
                try {
                    vs.execute("SELECT pg_sleep(30)");
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            waitUntilActive(os, pid);
            long started = System.nanoTime();
            try (ResultSet rs = os.executeQuery("SELECT pg_cancel_backend(" + pid + ")")) {
                rs.next();
                assertThat(rs.getBoolean(1)).isTrue();
            }
            SQLException e = running.get(5, TimeUnit.SECONDS);
            assertThat((Object) e).as("the victim query was cancelled").isNotNull();
            assertThat(e.getSQLState()).isEqualTo(QUERY_CANCELED);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(selectInt(vs, "SELECT 8")).isEqualTo(8);
        }
    }

    /** Polls pg_stat_activity until the victim runs pg_sleep, so the cancel cannot arrive before the query. */
    static void waitUntilActive(Statement s, int pid) throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid
                    + " AND state = 'active' AND query LIKE '%pg_sleep%'")) {
                rs.next();
                if (rs.getInt(1) == 1) return;
            }
            sleep(50);
        }
        throw new AssertionError("backend " + pid + " never started its pg_sleep");
    }

    static int selectInt(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
