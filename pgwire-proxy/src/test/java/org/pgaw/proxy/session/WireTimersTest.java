package org.pgaw.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgaw.proxy.testing.Extended.bind;
import static org.pgaw.proxy.testing.Extended.execute;
import static org.pgaw.proxy.testing.Extended.flush;
import static org.pgaw.proxy.testing.Extended.parse;
import static org.pgaw.proxy.testing.Extended.sync;
import static org.pgaw.proxy.testing.WireClient.concat;
import static org.pgaw.proxy.testing.WireClient.query;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pgaw.proxy.ProxyServer;
import org.pgaw.proxy.config.GuardConfig;
import org.pgaw.proxy.config.GuardConfig.BudgetMode;
import org.pgaw.proxy.config.GuardConfig.GuardLimits;
import org.pgaw.proxy.testing.WireClient;

/**
 * The statement timer covers every way to make the backend work and its cancel never lands on another statement;
 * the idle-in-transaction clock measures idleness whatever the client sends. 2 s timer, 1.5 s idle limit.
 */
class WireTimersTest {
    private static ProxyServer proxy;

    @BeforeAll
    static void start() {
        proxy = WireTranscript.proxy(new GuardConfig(true, new GuardLimits(1000, 1L << 20, BudgetMode.TRUNCATE,
                Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ZERO, 10_000, Duration.ofSeconds(4)),
                List.of(), List.of(), WireTranscript.ALLOW_WHAT_THESE_TESTS_RUN));
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    private static void assertTimedOut(WireTranscript r) {
        assertThat(r.shape()).as("no notice, one error").endsWith("EZ").doesNotContain("N");
        WireClient.Message e = r.first('E');
        assertThat(e.fields().get('C')).isEqualTo("57014");
        assertThat(e.fields().get('M')).contains("longer than 2 s", "time limit").doesNotContain("user request");
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    void threePipelinedQueriesAreEachTimedAndNoCancelHitsTheNext() throws Exception {
        try (WireClient c = WireTranscript.connect(proxy)) {
            long t0 = System.nanoTime();
            c.send(concat(query("SELECT pg_sleep(8)"), query("SELECT pg_sleep(0.5)"), query("SELECT pg_sleep(12)")));
            assertTimedOut(WireTranscript.untilReady(c));
            assertThat(millisSince(t0)).isBetween(1900L, 4000L);
            assertThat(WireTranscript.untilReady(c).shape()).as("the short one ran untouched").isEqualTo("TCZ");
            assertTimedOut(WireTranscript.untilReady(c));
            assertThat(millisSince(t0)).as("the third had its own 2 s, not the rest of 12 s").isBetween(4300L, 7500L);
            c.send(query("SELECT 1"));
            assertThat(WireTranscript.untilReady(c).shape()).isEqualTo("TCZ");
        }
    }

    @Test
    void eachStatementOfAQueryGetsItsOwnTime() throws Exception {
        try (WireClient c = WireTranscript.connect(proxy)) {
            c.send(query("SELECT pg_sleep(1.3); SELECT pg_sleep(1.3)"));
            assertThat(WireTranscript.untilReady(c).shape()).isEqualTo("TCTCZ");
        }
    }

    @Test
    void anExecuteFollowedByFlushIsTimed() throws Exception {
        try (WireClient c = WireTranscript.connect(proxy)) {
            long t0 = System.nanoTime();
            c.send(concat(parse("", "SELECT pg_sleep(10)"), bind("", ""), execute("", 0), flush()));
            WireTranscript r = WireTranscript.until(c, 'E');
            assertThat(millisSince(t0)).isLessThan(4000L);
            assertThat(r.first('E').fields().get('C')).isEqualTo("57014");
            c.send(sync());
            assertThat(WireTranscript.untilReady(c).shape()).isEqualTo("Z");
        }
    }

    @Test
    void theTimeoutSaysWhatHappened() throws Exception {
        try (WireClient c = WireTranscript.connect(proxy)) {
            c.send(query("SELECT pg_sleep(10)"));
            assertTimedOut(WireTranscript.untilReady(c));
        }
    }

    @Test
    void flushesDoNotKeepAnIdleTransactionAlive() throws Exception {
        try (WireClient c = WireTranscript.connect(proxy)) {
            c.send(query("BEGIN"));
            WireTranscript.untilReady(c);
            for (int i = 0; i < 10; i++) {
                Thread.sleep(300);
                c.send(flush());
            }
            c.send(query("SELECT 1"));
            WireTranscript r = WireTranscript.untilReady(c);
            assertThat(r.shape()).isEqualTo("EZ");
            assertThat(r.first('E').fields().get('C')).isEqualTo("25P03");
        }
    }

    @Test
    void anUnsyncedExecuteIsAnIdleTransactionAndItsSyncGetsOneReady() throws Exception {
        try (WireClient c = WireTranscript.connect(proxy)) {
            c.send(concat(parse("", "SELECT 1"), bind("", ""), execute("", 0), flush()));
            assertThat(WireTranscript.until(c, 'C').shape()).isEqualTo("12C");
            Thread.sleep(2500);
            c.send(sync());
            WireTranscript r = WireTranscript.untilReady(c);
            assertThat(r.shape()).isEqualTo("EZ");
            assertThat(r.first('E').fields().get('C')).isEqualTo("25P03");
            assertThat(r.first('Z').body()[0]).isEqualTo((byte) 'I');
            c.send(query("SELECT 1"));
            assertThat(WireTranscript.untilReady(c).shape()).isEqualTo("TCZ");
        }
    }

    /**
     * PostgreSQL's own timeouts back the proxy's up (each statement of a Query): set as startup parameters, which
     * override the role's defaults (a client's own startup settings of them are refused by the gate's
     * StartupSettings before anything reaches PostgreSQL).
     */
    @Test
    void theServerSideTimeoutsAreSetAtStartup() throws Exception {
        try (WireClient c = WireTranscript.connect(proxy)) {
            c.send(query("SHOW statement_timeout"));
            WireTranscript r = WireTranscript.untilReady(c);
            assertThat(new String(r.first('D').body(), java.nio.charset.StandardCharsets.UTF_8)).endsWith("3s");
            c.send(query("SHOW idle_in_transaction_session_timeout"));
            r = WireTranscript.untilReady(c);
            assertThat(new String(r.first('D').body(), java.nio.charset.StandardCharsets.UTF_8)).endsWith("4s");
        }
    }

    /** A cursor fetched a row at a time is never idle, yet its transaction ends at the maximum age (4 s here). */
    @Test
    void aBusyTransactionEndsAtTheMaximumAge() throws Exception {
        try (WireClient c = WireTranscript.connect(proxy)) {
            long t0 = System.nanoTime();
            c.send(query("BEGIN; DECLARE slow CURSOR FOR SELECT g FROM generate_series(1, 100000) g"));
            WireTranscript.untilReady(c);
            WireTranscript r;
            int fetched = 0;
            do {
                Thread.sleep(400);
                c.send(query("FETCH 1 FROM slow"));
                r = WireTranscript.untilReady(c);
                fetched += (int) r.count('D');
            } while (r.count('E') == 0 && millisSince(t0) < 15_000);
            assertThat(millisSince(t0)).isBetween(3900L, 6000L);
            assertThat(fetched).isGreaterThan(5);
            assertThat(r.first('E').fields().get('M')).contains("the longest a transaction may last");
            assertThat(r.first('Z').body()[0]).isEqualTo((byte) 'I');
            c.send(query("SELECT 1"));
            assertThat(WireTranscript.untilReady(c).shape()).isEqualTo("TCZ");
        }
    }
}
