package org.pgaw.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgaw.proxy.testing.BackendMessages.message;
import static org.pgaw.proxy.testing.Extended.bind;
import static org.pgaw.proxy.testing.Extended.execute;
import static org.pgaw.proxy.testing.Extended.parse;
import static org.pgaw.proxy.testing.Extended.sync;
import static org.pgaw.proxy.testing.WireClient.concat;
import static org.pgaw.proxy.testing.WireClient.query;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pgaw.proxy.ProxyServer;
import org.pgaw.proxy.config.GuardConfig;
import org.pgaw.proxy.config.GuardConfig.BudgetMode;
import org.pgaw.proxy.config.GuardConfig.GuardLimits;
import org.pgaw.proxy.testing.WireClient;

/**
 * One unit of work in flight must not get in the way of what clients legitimately pipeline: COPY FROM STDIN data
 * while the COPY runs, pgjdbc's batches (many Executes before one Sync), several Executes with their own Syncs.
 */
class WirePipelinesTest {
    private static ProxyServer proxy;

    @BeforeAll
    static void start() {
        proxy = WireTranscript.proxy(new GuardConfig(true, new GuardLimits(1000, 1L << 20, BudgetMode.TRUNCATE,
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ZERO), List.of(), List.of(),
                java.util.stream.Stream.concat(WireTranscript.ALLOW_WHAT_THESE_TESTS_RUN.stream(),
                        java.util.stream.Stream.of("function_call")).toList()));
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    @Test
    void copyFromStdinDataFlowsWhileTheCopyRuns() throws Exception {
        try (WireClient c = WireTranscript.connect(proxy)) {
            c.send(query("CREATE TEMP TABLE copied(a int); COPY copied FROM STDIN"));
            assertThat(WireTranscript.until(c, 'G').shape()).isEqualTo("CG");
            c.send(concat(message('d', "1\n2\n".getBytes(StandardCharsets.UTF_8)),
                    message('d', "3\n".getBytes(StandardCharsets.UTF_8)), message('c', new byte[0])));
            WireTranscript r = WireTranscript.untilReady(c);
            assertThat(r.commandTag()).isEqualTo("COPY 3");
            c.send(query("SELECT count(*) FROM copied"));
            assertThat(new String(WireTranscript.untilReady(c).first('D').body(), StandardCharsets.UTF_8)).endsWith("3");
        }
    }

    @Test
    void executesWithTheirOwnSyncsPipelinedAllComeBackInOrder() throws Exception {
        try (WireClient c = WireTranscript.connect(proxy)) {
            c.send(concat(parse("", "SELECT 1"), bind("", ""), execute("", 0), sync(),
                    parse("", "SELECT 2"), bind("", ""), execute("", 0), sync(),
                    parse("", "SELECT g FROM generate_series(1, 5000) g"), bind("", ""), execute("", 0), sync()));
            assertThat(WireTranscript.untilReady(c).shape()).isEqualTo("12CZ");
            assertThat(WireTranscript.untilReady(c).shape()).isEqualTo("12CZ");
            WireTranscript third = WireTranscript.untilReady(c);
            assertThat(third.count('D')).isEqualTo(1000);
            assertThat(third.shape()).isEqualTo("12NCZ");
        }
    }

    /** Where the teacher allows the FunctionCall message, its result counts against the byte budget (1 MB here). */
    @Test
    void anAllowedFunctionCallRunsAndItsResultCountsAgainstTheBudget() throws Exception {
        try (WireClient c = WireTranscript.connect(proxy)) {
            c.send(org.pgaw.proxy.testing.Extended.functionCall(1622, "x", "10")); // repeat(text, int)
            assertThat(WireTranscript.untilReady(c).shape()).isEqualTo("VZ");
            c.send(org.pgaw.proxy.testing.Extended.functionCall(1622, "x", "3000000"));
            WireTranscript r = WireTranscript.untilReady(c);
            assertThat(r.shape()).isEqualTo("EZ");
            assertThat(r.first('E').fields().get('C')).isEqualTo("54000");
            c.send(query("SELECT 1"));
            assertThat(WireTranscript.untilReady(c).shape()).isEqualTo("TCZ");
        }
    }

    @Test
    void pgjdbcBatchesRunThroughOneExecuteAtATime() throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("sslmode", "disable");
        try (Connection conn = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.address().getPort()
                + "/postgres", p); Statement s = conn.createStatement()) {
            s.execute("CREATE TEMP TABLE batched(a int)");
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO batched VALUES (?)")) {
                for (int i = 0; i < 500; i++) {
                    ps.setInt(1, i);
                    ps.addBatch();
                }
                assertThat(ps.executeBatch()).hasSize(500);
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM batched")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(500);
            }
        }
    }
}
