package org.pgaw.proxy.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pgaw.proxy.testing.TestPostgres;

/**
 * Round 3, finding 6: {@code pg_export_snapshot()} writes a file into the server's {@code pg_snapshots/} per call and
 * keeps it until the transaction ends, outside temp_file_limit: {@code BEGIN; SELECT count(pg_export_snapshot()) FROM
 * generate_series(1, 200000)} left 200,000 files (791 MB) in 7 s. Statement after statement in one transaction, one
 * learner runs the server's disk out of inodes (16 M here) well within the maximum transaction age, and PostgreSQL
 * stops when it cannot create a WAL segment. The gate refuses it (server).
 */
class SnapshotFilesRound3Test {
    private static Round3Setup setup;

    @BeforeAll
    static void start() {
        setup = Round3Setup.start();
    }

    @AfterAll
    static void stop() {
        if (setup != null) setup.close();
    }

    @Test
    void exportingSnapshotsInALoopWritesNoFiles() throws SQLException {
        try (Connection c = setup.learner(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            assertThatThrownBy(() -> s.execute("SELECT count(pg_export_snapshot()) FROM generate_series(1, 2000)"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"))
                    .hasMessageContaining("pg_export_snapshot");
            c.rollback();
            assertThatThrownBy(() -> s.execute("SELECT pg_catalog.pg_export_snapshot()"))
                    .isInstanceOf(SQLException.class);
            assertThat(snapshotFiles()).as("files in pg_snapshots/ while the learner's transaction is open").isZero();
            c.rollback();
        }
    }

    private static long snapshotFiles() throws SQLException {
        String dataDir;
        try (Connection c = TestPostgres.direct(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SHOW data_directory")) {
            r.next();
            dataDir = r.getString(1);
        }
        try (Stream<Path> files = Files.list(Path.of(dataDir, "pg_snapshots"))) {
            return files.count();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
