package org.pgaw.proxy.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
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
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.config.LimitsConfig;
import org.pgaw.proxy.config.ProxyConfig;
import org.pgaw.proxy.testing.TestPostgres;
import org.pgaw.proxy.testing.WireClient;

/**
 * A guarded session's statement text is bounded ({@code limits.max_statement_bytes}, 1 MiB): a longer Query or
 * Parse is never held by the proxy (it is skipped as it arrives) and gets ERROR 54000 in its place, in order, and
 * the session goes on, as after any error of PostgreSQL's. The teacher keeps the general message bound.
 */
class StatementBoundTest {
    private static final int BOUND = LimitsConfig.DEFAULT_MAX_STATEMENT_BYTES;
    private static ProxyServer proxy;

    @BeforeAll
    static void start() {
        TestPostgres.exec("DO $$ BEGIN CREATE ROLE teacher LOGIN SUPERUSER; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        GuardConfig guards = GuardConfig.defaults();
        proxy = ProxyServer.start(ProxyConfig.defaults().withTls(null).withAdmin(null)
                .withListen(new HostPort("127.0.0.1", 0)).withBackend(TestPostgres.address())
                .withGuard(new GuardConfig(true, guards.limits(), List.of(), List.of("teacher"))));
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    /** {@code SELECT length('xxx…')} of exactly {@code bytes} bytes. */
    private static String selectLength(int bytes) {
        String head = "SELECT length('";
        String tail = "')";
        return head + "x".repeat(bytes - head.length() - tail.length()) + tail;
    }

    private static Connection connect(String user) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("sslmode", "disable");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.address().getPort() + "/postgres", p);
    }

    private static int single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void aQueryOverTheBoundGetsError54000AndTheSessionGoesOn() throws Exception {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery(selectLength(2 * BOUND)))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("54000");
                        assertThat(e.getMessage()).contains("statement too long", "at most " + BOUND + " bytes");
                    });
            assertThat(single(s, "SELECT 1")).isEqualTo(1);
            // Just under the bound (pgjdbc's Parse adds a statement name, NULs and a parameter count) still runs.
            assertThat(single(s, selectLength(BOUND - 16))).isEqualTo(BOUND - 16 - "SELECT length('')".length());
        }
    }

    @Test
    void inATransactionTheErrorAbortsItAsPostgresqlsOwnErrorWould() throws Exception {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            assertThat(single(s, "SELECT 1")).isEqualTo(1);
            assertThatThrownBy(() -> s.executeQuery(selectLength(BOUND + 100)))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("54000"));
            assertThatThrownBy(() -> s.executeQuery("SELECT 1"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25P02"));
            c.rollback();
            assertThat(single(s, "SELECT 2")).isEqualTo(2);
        }
    }

    @Test
    void aParseOverTheBoundGetsError54000AndTheNextStatementRuns() throws Exception {
        try (Connection c = connect("postgres")) {
            String big = "SELECT length(?) + length('" + "y".repeat(BOUND + 10) + "')";
            try (PreparedStatement p = c.prepareStatement(big)) {
                p.setString(1, "abc");
                assertThatThrownBy(p::executeQuery)
                        .isInstanceOfSatisfying(SQLException.class, e -> {
                            assertThat(e.getSQLState()).isEqualTo("54000");
                            assertThat(e.getMessage()).contains("statement too long");
                        });
            }
            try (PreparedStatement p = c.prepareStatement("SELECT length(?)")) {
                p.setString(1, "abcd");
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(4);
                }
            }
        }
    }

    @Test
    void theTeacherKeepsTheGeneralMessageBound() throws Exception {
        try (Connection c = connect("teacher"); Statement s = c.createStatement()) {
            assertThat(single(s, selectLength(4 * BOUND))).isEqualTo(4 * BOUND - "SELECT length('')".length());
        }
    }

    @Test
    void pipelinedQueriesAroundAnOverlongOneGetTheirRepliesInOrder() throws Exception {
        try (WireClient c = new WireClient(proxy.address())) {
            c.send(WireClient.startup("postgres", "postgres"));
            c.readUntilReady();
            c.send(WireClient.query(selectLength(BOUND - 1))); // the body is the text and its NUL: exactly the bound
            assertThat(c.readUntilReady()).isEqualTo("TDCZ");
            c.send(WireClient.query(selectLength(BOUND))); // one byte more
            assertThat(c.read().fields()).containsEntry('C', "54000");
            assertThat(c.read().tag()).isEqualTo('Z');
            c.send(WireClient.concat(WireClient.query("SELECT 1"), WireClient.query(selectLength(3 * BOUND)),
                    WireClient.query("SELECT 3")));
            assertThat(c.readUntilReady()).isEqualTo("TDCZ");
            WireClient.Message error = c.read();
            assertThat(error.tag()).isEqualTo('E');
            assertThat(error.fields()).containsEntry('S', "ERROR").containsEntry('C', "54000");
            assertThat(c.read().tag()).isEqualTo('Z');
            WireClient.Message row;
            assertThat((row = c.read()).tag()).isEqualTo('T');
            assertThat((row = c.read()).tag()).isEqualTo('D');
            assertThat(new String(row.body(), 6, 1, StandardCharsets.UTF_8)).isEqualTo("3");
            assertThat(c.readUntilReady()).isEqualTo("CZ");
        }
    }

    @Test
    void anOverlongParseIsFollowedByOneReadyForQueryPerSync() throws Exception {
        try (WireClient c = new WireClient(proxy.address())) {
            c.send(WireClient.startup("postgres", "postgres"));
            c.readUntilReady();
            c.send(WireClient.concat(parse("s1", selectLength(2 * BOUND)), bindExecute("s1"), sync(),
                    WireClient.query("SELECT 4")));
            WireClient.Message error = c.read();
            assertThat(error.fields()).containsEntry('C', "54000");
            assertThat(c.read().tag()).as("Bind and Execute skipped up to the Sync").isEqualTo('Z');
            assertThat(c.readUntilReady()).isEqualTo("TDCZ");
        }
    }

    private static byte[] parse(String name, String sql) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] q = sql.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 4 + n.length + 1 + q.length + 1 + 2).put((byte) 'P')
                .putInt(4 + n.length + 1 + q.length + 1 + 2).put(n).put((byte) 0).put(q).put((byte) 0).putShort((short) 0)
                .array();
    }

    private static byte[] bindExecute(String statement) {
        byte[] n = statement.getBytes(StandardCharsets.UTF_8);
        ByteBuffer bind = ByteBuffer.allocate(1 + 4 + 1 + n.length + 1 + 2 + 2 + 2).put((byte) 'B')
                .putInt(4 + 1 + n.length + 1 + 6).put((byte) 0).put(n).put((byte) 0).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0);
        ByteBuffer execute = ByteBuffer.allocate(1 + 4 + 1 + 4).put((byte) 'E').putInt(9).put((byte) 0).putInt(0);
        return WireClient.concat(bind.array(), execute.array());
    }

    private static byte[] sync() {
        return new byte[] {'S', 0, 0, 0, 4};
    }
}
