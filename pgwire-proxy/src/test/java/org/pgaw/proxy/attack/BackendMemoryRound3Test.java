package org.pgaw.proxy.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.pgaw.proxy.demo.BackendMemoryLimit;

/**
 * Round 3, finding 4: nothing bounded a PostgreSQL backend's memory. {@code SELECT cardinality(array_agg(repeat(g::text,
 * 1000))) FROM generate_series(1, 1500000) g} grew one backend past 1.2 GB in 20 s (aggregate states, values built in
 * memory and the planner are not bounded by work_mem); a few learners with two running statements each reach the
 * machine's memory, the OOM killer kills a backend and PostgreSQL restarts every session of the class. The demo now
 * bounds every backend's private memory (RLIMIT_DATA, inherited from the postmaster): the statement ends with
 * ERROR 53200 and the server and the other sessions go on. Its own PostgreSQL, so the shared one keeps its limits.
 */
class BackendMemoryRound3Test {
    private static final String GREEDY =
            "SELECT length(string_agg(repeat('x', 1000), '')) FROM generate_series(1, 400000)"; // 400 MB in one value

    @Test
    void aBackendsMemoryIsBoundedAndTheServerGoesOn() throws Exception {
        Path data = Files.createTempDirectory("pgaw-r3-memory");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(data)
                .setPGStartupWait(Duration.ofSeconds(60)).start()) {
            assertThat(BackendMemoryLimit.apply(data, 256L << 20)).isTrue();
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                assertThat(dataLimit(s)).as("the backend's RLIMIT_DATA").isEqualTo(256L << 20);
                assertThatThrownBy(() -> s.executeQuery(GREEDY)).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("53200"));
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM generate_series(1, 1000)")) {
                    r.next();
                    assertThat(r.getInt(1)).isEqualTo(1000);
                }
            }
            try (Connection other = pg.getPostgresDatabase().getConnection(); Statement s = other.createStatement();
                 ResultSet r = s.executeQuery("SELECT 1")) {
                assertThat(r.next()).isTrue();
            }
        }
    }

    /** "Max data size" of this backend, from /proc (PostgreSQL's superuser may read its own process's files). */
    private static long dataLimit(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT pg_read_file('/proc/' || pg_backend_pid() || '/limits')")) {
            r.next();
            for (String line : r.getString(1).split("\n")) {
                if (line.startsWith("Max data size")) {
                    String soft = line.substring("Max data size".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
                }
            }
        }
        throw new AssertionError("no Max data size in /proc/<pid>/limits");
    }
}
