package org.pgaw.proxy.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgaw.proxy.attack.AttackProxy.MAX_ROWS;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pgaw.proxy.it.support.Proc;

/**
 * The same promises with the real clients learners use: pgjdbc (fetch sizes, server-prepared statements, a bigint
 * parameter, Statement.cancel), psql (FETCH_COUNT cursors, \copy) and psycopg 3 (server-side cursors, pipeline mode,
 * COPY, a bigint parameter, cancel).
 */
class RealClientAttackTest {
    private static final String BIG = "SELECT * FROM atk.customer ORDER BY id";

    static Connection learner() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", AttackDb.LEARNER);
        p.setProperty("sslmode", "disable");
        p.setProperty("socketTimeout", "30");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + AttackProxy.address().getPort() + "/"
                + AttackDb.DATABASE, p);
    }

    @ParameterizedTest(name = "pgjdbc fetch size {0}")
    @ValueSource(ints = {7, 11, 13, 143})
    void pgjdbcReadingInBatchesGetsTheCapAndTheNotice(int fetchSize) throws Exception {
        try (Connection c = learner()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.setFetchSize(fetchSize);
                int n = 0;
                try (ResultSet r = s.executeQuery(BIG)) {
                    while (r.next()) n++;
                    assertThat(n).as("rows with fetch size %d", fetchSize).isEqualTo(MAX_ROWS);
                    assertThat(warnings(s.getWarnings(), r.getWarnings())).as("the notice reaches pgjdbc")
                            .contains("pgaw");
                }
            }
            c.commit();
        }
    }

    @Test
    void pgjdbcBindsABigintLimitAndServerPreparesWithoutLosingTheCap() throws Exception {
        try (Connection c = learner();
             PreparedStatement ps = c.prepareStatement(BIG + " LIMIT ?")) {
            for (int run = 1; run <= 7; run++) { // pgjdbc switches to a named server statement after 5 runs
                ps.setLong(1, 3_000_000_000L);
                int n = 0;
                try (ResultSet r = ps.executeQuery()) {
                    while (r.next()) n++;
                }
                assertThat(n).as("run %d", run).isEqualTo(MAX_ROWS);
            }
        }
    }

    @Test
    void pgjdbcCancelWorksAndTheSessionGoesOn() throws Exception {
        try (Connection c = learner(); Statement s = c.createStatement()) {
            CompletableFuture<Void> canceller = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(500);
                    s.cancel();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long t0 = System.nanoTime();
            try {
                s.execute("SELECT pg_sleep(30)");
                throw new AssertionError("pg_sleep(30) was not cancelled");
            } catch (SQLException e) {
                assertThat(e.getSQLState()).isEqualTo("57014");
            }
            canceller.join();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
            try (ResultSet r = s.executeQuery("SELECT 42")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getInt(1)).isEqualTo(42);
            }
        }
    }

    @Test
    void psqlFetchCountCursorAndBackslashCopyAreCapped() {
        Proc.Result r = psql("\\set FETCH_COUNT 13\n" + BIG + ";\n");
        assertThat(r.exit()).as(r.both()).isZero();
        assertThat(r.stdout().lines().count()).as("psql FETCH_COUNT=13 rows: %s", r.stderr()).isEqualTo(MAX_ROWS);
        assertThat(r.stderr()).contains("pgaw");
        Proc.Result copy = psql("\\copy (" + BIG + ") to stdout\n");
        assertThat(copy.exit()).as(copy.both()).isZero();
        assertThat(copy.stdout().lines().count()).as("psql \\copy rows").isEqualTo(MAX_ROWS);
        assertThat(copy.stderr()).contains("pgaw");
    }

    @Test
    void psycopgServerCursorsPipelineCopyAndCancel() {
        String script = String.join("\n",
                "import os, sys, time, psycopg",
                "MAX = int(sys.argv[1])",
                "notices = []",
                "conn = psycopg.connect(autocommit=False)",
                "conn.add_notice_handler(lambda d: notices.append(d.message_primary))",
                "def guard(): return [n for n in notices if n.startswith('pgaw')]",
                "def expect(name, n):",
                "    assert n == MAX, f'{name}: {n} rows, expected {MAX}'",
                "    assert guard(), f'{name}: no pgaw notice in {notices[:3]}'",
                "    notices.clear(); print('OK', name, flush=True)",
                "for size in (7, 11, 13, 143):",
                "    with conn.cursor(name=f'srv{size}') as cur:",
                "        cur.itersize = size",
                "        cur.execute('" + BIG + "')",
                "        expect(f'server cursor itersize {size}', sum(1 for _ in cur))",
                "    conn.commit()",
                "with conn.cursor() as cur:",
                "    expect('stream', sum(1 for _ in cur.stream('" + BIG + "')))",
                "    cur.execute('" + BIG + " LIMIT %s', (3000000000,))",
                "    expect('bigint parameter', len(cur.fetchall()))",
                "    n = 0",
                "    with cur.copy('COPY (" + BIG + ") TO STDOUT') as cp:",
                "        for _ in cp.rows(): n += 1",
                "    expect('copy', n)",
                "conn.commit()",
                "with conn.pipeline():",
                "    a = conn.execute('" + BIG + "'); b = conn.execute('SELECT 1'); c = conn.execute('" + BIG + "')",
                "ra, rb, rc = len(a.fetchall()), len(b.fetchall()), len(c.fetchall())",
                "assert (ra, rb, rc) == (MAX, 1, MAX), (ra, rb, rc)",
                "print('OK pipeline', flush=True)",
                "conn.commit(); conn.autocommit = True",
                "import threading",
                "threading.Timer(0.5, conn.cancel).start()",
                "t0 = time.monotonic()",
                "try:",
                "    conn.execute('SELECT pg_sleep(30)'); raise SystemExit('not cancelled')",
                "except psycopg.errors.QueryCanceled:",
                "    pass",
                "assert time.monotonic() - t0 < 5",
                "assert conn.execute('SELECT 42').fetchone()[0] == 42",
                "print('PSYCOPG ATTACK OK', flush=True)");
        Proc.Result r = Proc.of("python3", "-c", script, Integer.toString(MAX_ROWS)).env(libpq())
                .timeout(Duration.ofSeconds(90)).run();
        assertThat(r.stdout()).as(r.both()).contains("PSYCOPG ATTACK OK");
    }

    private static Proc.Result psql(String stdin) {
        return Proc.of("psql", "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1").env(libpq()).stdin(stdin)
                .timeout(Duration.ofSeconds(60)).run();
    }

    private static Map<String, String> libpq() {
        return Map.of("PGHOST", "127.0.0.1", "PGPORT", Integer.toString(AttackProxy.address().getPort()),
                "PGUSER", AttackDb.LEARNER, "PGDATABASE", AttackDb.DATABASE, "PGSSLMODE", "disable",
                "PSQLRC", "/dev/null");
    }

    private static String warnings(SQLWarning... ws) {
        StringBuilder b = new StringBuilder();
        for (SQLWarning w : ws) {
            for (SQLWarning x = w; x != null; x = x.getNextWarning()) b.append(x.getMessage()).append('\n');
        }
        return b.toString();
    }
}
