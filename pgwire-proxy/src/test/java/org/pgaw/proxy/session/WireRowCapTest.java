package org.pgaw.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgaw.proxy.testing.Extended.bind;
import static org.pgaw.proxy.testing.Extended.execute;
import static org.pgaw.proxy.testing.Extended.flush;
import static org.pgaw.proxy.testing.Extended.functionCall;
import static org.pgaw.proxy.testing.Extended.parse;
import static org.pgaw.proxy.testing.Extended.sync;
import static org.pgaw.proxy.testing.WireClient.concat;
import static org.pgaw.proxy.testing.WireClient.query;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.pgaw.proxy.ProxyServer;
import org.pgaw.proxy.config.GuardConfig;
import org.pgaw.proxy.config.GuardConfig.BudgetMode;
import org.pgaw.proxy.config.GuardConfig.GuardLimits;
import org.pgaw.proxy.testing.WireClient;

/**
 * Fail closed: every result a guarded session receives is capped on the wire at max_rows, whatever produced it,
 * and every byte sent on behalf of a statement counts against the byte budget. Raw protocol against PostgreSQL.
 */
class WireRowCapTest {
    private static final long BUDGET = 1 << 20;
    private static final String ROW_CAP = "pgaw: showing the first 1000 rows";
    private static ProxyServer proxy;

    @BeforeAll
    static void start() {
        proxy = WireTranscript.proxy(new GuardConfig(true, new GuardLimits(1000, BUDGET, BudgetMode.TRUNCATE,
                Duration.ofSeconds(20), Duration.ZERO, Duration.ZERO), List.of(), List.of(), WireTranscript.ALLOW_WHAT_THESE_TESTS_RUN));
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    private static WireTranscript ask(WireClient c, String sql) throws Exception {
        c.send(query(sql));
        return WireTranscript.untilReady(c);
    }

    private static void assertCapped(WireTranscript r) {
        assertThat(r.count('D') + r.count('d')).as("rows delivered").isEqualTo(1000);
        assertThat(r.texts('N')).anySatisfy(t -> assertThat(t).contains("first 1000 rows"));
    }

    @Test
    void sqlPreparedStatementsAreCappedOnTheWire() throws Exception {
        try (WireClient c = WireTranscript.connect(proxy)) {
            ask(c, "PREPARE q AS SELECT g FROM generate_series(1, 20000) g");
            WireTranscript r = ask(c, "EXECUTE q");
            assertCapped(r);
            assertThat(r.commandTag()).isEqualTo("SELECT 1000");
            assertThat(ask(c, "SELECT 1").shape()).isEqualTo("TCZ");
        }
    }

    @Test
    void aProtocolBindToAnSqlPreparedStatementIsCappedAndEndsComplete() throws Exception {
        try (WireClient c = WireTranscript.connect(proxy)) {
            ask(c, "PREPARE q2 AS SELECT g FROM generate_series(1, 20000) g");
            c.send(concat(bind("", "q2"), execute("", 0), sync()));
            WireTranscript r = WireTranscript.untilReady(c);
            assertCapped(r);
            assertThat(r.shape()).isEqualTo("2NCZ");
            assertThat(r.commandTag()).isEqualTo("SELECT 1000");
        }
    }

    @Test
    void copyToStdoutIsCappedAndEndsWithCopyDone() throws Exception {
        try (WireClient c = WireTranscript.connect(proxy)) {
            WireTranscript r = ask(c, "COPY (SELECT g FROM generate_series(1, 200000) g) TO STDOUT");
            assertCapped(r);
            assertThat(r.shape()).isEqualTo("HcNCZ");
            assertThat(r.commandTag()).isEqualTo("COPY 1000");
            assertThat(ask(c, "SELECT 1").shape()).isEqualTo("TCZ");
        }
    }

    @Test
    void fetchAllFromACursorOpenedWhereTheProxyCannotSeeIsCapped() throws Exception {
        try (WireClient c = WireTranscript.connect(proxy)) {
            ask(c, "BEGIN");
            ask(c, "DO $$ BEGIN EXECUTE 'DECLARE hidden CURSOR FOR SELECT g FROM generate_series(1, 20000) g'; END $$");
            WireTranscript r = ask(c, "FETCH ALL FROM hidden");
            assertCapped(r);
            assertThat(r.commandTag()).isEqualTo("FETCH 1000");
            assertThat(ask(c, "COMMIT").shape()).as("the transaction survived").isEqualTo("CZ");
        }
    }

    @Test
    void aCursorWithAUnicodeEscapedNameIsCapped() throws Exception {
        try (WireClient c = WireTranscript.connect(proxy)) {
            ask(c, "BEGIN");
            ask(c, "DECLARE U&\"\\0063ur\" CURSOR FOR SELECT g FROM generate_series(1, 20000) g");
            assertCapped(ask(c, "FETCH ALL FROM cur"));
            ask(c, "ROLLBACK");
        }
    }

    @Test
    void executingADeclaredCursorsPortalDeliversExactlyTheCap() throws Exception {
        try (WireClient c = WireTranscript.connect(proxy)) {
            ask(c, "BEGIN");
            ask(c, "DECLARE portal_cursor CURSOR FOR SELECT g FROM generate_series(1, 20000) g");
            c.send(concat(execute("portal_cursor", 0), sync()));
            WireTranscript r = WireTranscript.untilReady(c);
            assertCapped(r);
            assertThat(r.shape()).isEqualTo("NCZ");
            ask(c, "ROLLBACK");
        }
    }

    @Test
    void catalogOnlyResultsHaveAHigherCapNotNone() throws Exception {
        try (WireClient c = WireTranscript.connect(proxy)) {
            WireTranscript r = ask(c, "SELECT a.oid FROM pg_catalog.pg_class a, pg_catalog.pg_class b");
            assertThat(r.count('D')).isEqualTo(10_000);
            assertThat(ask(c, "SELECT 1").shape()).isEqualTo("TCZ");
        }
    }

    @Test
    void noticesCountAsRowsAndTheLearnerIsToldOnce() throws Exception {
        try (WireClient c = WireTranscript.connect(proxy)) {
            WireTranscript r = ask(c, "DO $$ BEGIN FOR i IN 1..5000 LOOP RAISE NOTICE 'row %', i; END LOOP; END $$");
            assertThat(r.texts('N').stream().filter(t -> t.startsWith("row "))).hasSize(1000);
            assertThat(r.texts('N').stream().filter(t -> t.contains("more than 1000 messages"))).hasSize(1);
            assertThat(r.shape()).endsWith("CZ");
        }
    }

    @Test
    void noticesCountAgainstTheByteBudget() throws Exception {
        try (WireClient c = WireTranscript.connect(proxy)) {
            WireTranscript r = ask(c, "DO $$ BEGIN FOR i IN 1..200 LOOP RAISE NOTICE '%', repeat('n', 100000); END LOOP; END $$");
            assertThat(r.bytes()).isLessThan(BUDGET + 4096);
            assertThat(r.texts('N')).anySatisfy(t -> assertThat(t).contains("pgaw: result stopped after 1 MB"));
        }
    }

    @Test
    void aHugeErrorIsCutToTheBudgetAndKeepsItsSqlState() throws Exception {
        try (WireClient c = WireTranscript.connect(proxy)) {
            WireTranscript r = ask(c, "SELECT repeat('x', 3000000)::int");
            WireClient.Message e = r.first('E');
            assertThat(e.body().length).isLessThanOrEqualTo((int) BUDGET + 100);
            assertThat(e.fields().get('C')).isEqualTo("22P02");
            assertThat(e.fields().get('M')).contains("invalid input syntax", "message was cut");
            assertThat(ask(c, "SELECT 1").shape()).isEqualTo("TCZ");
        }
    }

    @Test
    void aFunctionCallIsRefusedWithAClearError() throws Exception {
        try (WireClient c = WireTranscript.connect(proxy)) {
            c.send(functionCall(1622, "x", "100000000")); // repeat(text, int)
            WireTranscript r = WireTranscript.untilReady(c);
            assertThat(r.shape()).isEqualTo("EZ");
            assertThat(r.first('E').fields().get('C')).isEqualTo("42501");
            assertThat(r.first('E').fields().get('M')).contains("FunctionCall");
            assertThat(ask(c, "SELECT 1").shape()).isEqualTo("TCZ");
        }
    }

    /** Clients reading a capped portal in batches get the notice and CommandComplete on the batch that reaches it. */
    @ParameterizedTest
    @ValueSource(ints = {7, 11, 13, 143, 1001, 100})
    void batchReadersOfACappedPortalGetACompleteEnding(int batch) throws Exception {
        try (WireClient c = WireTranscript.connect(proxy)) {
            ask(c, "BEGIN");
            c.send(concat(parse("", "SELECT g FROM generate_series(1, 20000) g"), bind("p", ""), sync()));
            WireTranscript.untilReady(c);
            long rows = 0;
            String shape;
            do {
                c.send(concat(execute("p", batch), sync()));
                WireTranscript r = WireTranscript.untilReady(c);
                rows += r.count('D');
                shape = r.shape();
                if (shape.equals("sZ")) assertThat(r.count('D')).as("a suspended batch is full").isEqualTo(batch);
            } while (shape.equals("sZ"));
            assertThat(rows).isEqualTo(1000);
            assertThat(shape).isEqualTo("NCZ");
            ask(c, "ROLLBACK");
        }
    }

    @Test
    void anOverlongStatementNameIsRefusedAndTheRestSkippedUntilSync() throws Exception {
        try (WireClient c = WireTranscript.connect(proxy)) {
            String name = "s".repeat(200);
            c.send(concat(parse(name, "SELECT 1"), bind("", name), execute("", 0), sync()));
            WireTranscript r = WireTranscript.untilReady(c);
            assertThat(r.shape()).isEqualTo("EZ");
            assertThat(r.first('E').fields().get('M')).contains("name is longer than 63 bytes");
            c.send(concat(parse("", "SELECT 2"), bind("", ""), execute("", 0), sync()));
            assertThat(WireTranscript.untilReady(c).shape()).isEqualTo("12CZ");
        }
    }

    @Test
    void executeAndFlushWithoutSyncDeliversTheCappedResult() throws Exception {
        try (WireClient c = WireTranscript.connect(proxy)) {
            c.send(concat(parse("", "SELECT g FROM generate_series(1, 20000) g"), bind("", ""), execute("", 0), flush()));
            WireTranscript r = WireTranscript.until(c, 'C');
            assertCapped(r);
            c.send(sync());
            assertThat(WireTranscript.untilReady(c).shape()).isEqualTo("Z");
        }
    }

    @Test
    void wideRowsThroughTheExtendedProtocolAreCutAtTheBudgetAndTheSessionGoesOn() throws Exception {
        try (WireClient c = WireTranscript.connect(proxy)) {
            c.send(concat(parse("", "SELECT repeat('x', 300000) FROM generate_series(1, 1000)"), bind("", ""),
                    org.pgaw.proxy.testing.Extended.describePortal(""), execute("", 0), sync()));
            WireTranscript r = WireTranscript.untilReady(c);
            assertThat(r.bytes()).isLessThan(BUDGET + 4096);
            assertThat(r.shape()).isEqualTo("12TNCZ");
            assertThat(ask(c, "SELECT 1").shape()).isEqualTo("TCZ");
        }
    }

    @Test
    void wideRowsOfASimpleQueryAreCutAtTheBudgetAndTheSessionGoesOn() throws Exception {
        try (WireClient c = WireTranscript.connect(proxy)) {
            WireTranscript r = ask(c, "SELECT repeat('x', 1000000) FROM generate_series(1, 1000)");
            assertThat(r.bytes()).isLessThan(BUDGET + 4096);
            assertThat(r.shape()).isEqualTo("TNCZ");
            assertThat(ask(c, "SELECT 1").shape()).isEqualTo("TCZ");
        }
    }

    /**
     * A capped cursor scrolls like a cursor over its first 1000 rows (PostgreSQL over the first 1000 rows gives 600,
     * 600, 400, 300), each FETCH capped on its own, and the learner is told once when a FETCH reaches the cap.
     */
    @Test
    void aCappedCursorScrollsAsACursorOverItsFirstRows() throws Exception {
        try (WireClient c = WireTranscript.connect(proxy)) {
            ask(c, "BEGIN");
            ask(c, "DECLARE sc SCROLL CURSOR FOR SELECT g FROM generate_series(1, 20000) g");
            WireTranscript first = ask(c, "FETCH 600 FROM sc");
            assertThat(first.count('D')).isEqualTo(600);
            assertThat(first.texts('N')).isEmpty();
            assertThat(ask(c, "MOVE ABSOLUTE 0 IN sc").commandTag()).isEqualTo("MOVE 0");
            assertThat(ask(c, "FETCH 600 FROM sc").count('D')).isEqualTo(600);
            WireTranscript end = ask(c, "FETCH 600 FROM sc");
            assertThat(end.count('D')).isEqualTo(400);
            assertThat(end.commandTag()).isEqualTo("FETCH 400");
            assertThat(end.texts('N')).singleElement().satisfies(t -> assertThat(t).contains("first 1000 rows"));
            WireTranscript back = ask(c, "FETCH BACKWARD 300 FROM sc");
            assertThat(back.count('D')).isEqualTo(300);
            assertThat(back.texts('N')).as("said once per cursor").isEmpty();
            ask(c, "ROLLBACK");
        }
    }

    /** SQL passed as a string returns its whole result as one value: the rows are capped, the value by the budget. */
    @Test
    void queryToXmlOverTheCatalogIsHeldByTheCapAndTheBudget() throws Exception {
        try (WireClient c = WireTranscript.connect(proxy)) {
            WireTranscript r = ask(c, "SELECT query_to_xml('SELECT g, repeat(''x'', 100) FROM generate_series(1, 20000) g',"
                    + " true, false, '') FROM pg_catalog.pg_database");
            assertThat(r.bytes()).isLessThan(BUDGET + 4096);
            assertThat(r.texts('N')).anySatisfy(t -> assertThat(t).contains("pgaw: result stopped after 1 MB"));
            assertThat(ask(c, "SELECT 1").shape()).isEqualTo("TCZ");
        }
    }
}
