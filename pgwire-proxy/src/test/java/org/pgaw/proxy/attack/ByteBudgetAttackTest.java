package org.pgaw.proxy.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Promise B: at most the byte budget (1 MiB here) is sent on behalf of one statement, whatever carries the bytes:
 * rows, one huge value, COPY data, notices, an error message, a function result. The session goes on afterwards.
 */
class ByteBudgetAttackTest {

    static Stream<Arguments> routes() {
        String huge = "y".repeat(200_000);
        List<Arguments> a = new ArrayList<>();
        add(a, "wide rows", "SELECT * FROM atk.wide");
        add(a, "rows of 900 kB", "SELECT repeat('x', 900000) FROM generate_series(1, 10)");
        add(a, "one 4 MB value: string_agg of a table", "SELECT string_agg(payload, ',') FROM atk.wide");
        add(a, "one value: array_agg of whole rows", "SELECT array_agg(w) FROM atk.wide w");
        add(a, "one value: json_agg", "SELECT json_agg(w) FROM atk.wide w");
        add(a, "table_to_xml", "SELECT table_to_xml('atk.wide', true, false, '')");
        add(a, "query_to_xml", "SELECT query_to_xml('SELECT * FROM atk.wide', true, false, '')");
        add(a, "COPY of wide rows", "COPY atk.wide TO STDOUT");
        add(a, "COPY (SELECT) of one 4 MB value", "COPY (SELECT string_agg(payload, '') FROM atk.wide) TO STDOUT");
        add(a, "COPY as the second statement of a Query", "SELECT 1; COPY (SELECT * FROM atk.wide) TO STDOUT");
        add(a, "an error message of 3 MB (repeat(...)::int)", "SELECT repeat('x', 3000000)::int");
        add(a, "an error detail of 3 MB (jsonb token)", "SELECT ('x' || repeat('y', 3000000))::jsonb");
        add(a, "an error from a prepared statement", "PREPARE atk_e AS SELECT repeat('x', 3000000)::int; EXECUTE atk_e");
        add(a, "notices with identifiers of 200 kB (truncation notices)",
                "SELECT " + String.join(", ", java.util.Collections.nCopies(10, "1 AS \"" + huge + "\"")));
        add(a, "many notices from a built-in", "SELECT count(*) FROM (SELECT to_tsvector('simple', repeat('x', 3000) || g)"
                + " FROM generate_series(1, 20000) g) s");
        add(a, "cursor FETCH of wide rows",
                "BEGIN; DECLARE wc CURSOR FOR SELECT * FROM atk.wide; FETCH ALL FROM wc; COMMIT");
        add(a, "RowDescription and rows with 1600 long column names", "SELECT "
                + String.join(", ", java.util.stream.IntStream.range(0, 1600)
                .mapToObj(i -> "repeat('z', 700) AS c" + i + "_" + "n".repeat(50)).toList()));
        return a.stream();
    }

    private static void add(List<Arguments> a, String name, String sql) {
        a.add(Arguments.of(name, sql));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void noStatementSendsMoreThanTheBudget(String name, String sql) throws Exception {
        try (Wire w = Wire.learner()) {
            List<Result> r = w.simple(sql);
            Promises.withinLimits(name, r);
            assertThat(r).as("%s: the budget is not enforced by the statement timer", name)
                    .noneMatch(x -> "57014".equals(x.sqlState()));
            Promises.alive(name, w);
        }
    }

    @Test
    void aByteCutResultSaysSoAndEndsNormally() throws Exception {
        try (Wire w = Wire.learner()) {
            Result r = w.one("SELECT * FROM atk.wide");
            Promises.withinLimits("wide", r);
            assertThat(r.end()).as("normal completion in TRUNCATE mode: %s", r).isEqualTo('C');
            assertThat(r.guardNotices()).as("the learner is told the result stopped").isNotEmpty();
            assertThat(r.commandTag()).as("the CommandComplete tag says the rows really sent")
                    .isEqualTo("SELECT " + r.dataRows());
        }
    }

    @Test
    void aFunctionCallMessageIsRefusedOrWithinTheBudget() throws Exception {
        try (Wire w = Wire.learner()) {
            // FunctionCall 'F' of repeat(text, int4), OID 1622: 3 MB in one FunctionCallResponse.
            List<Result> r = w.send(Pg.functionCall(1622, "x", "3000000")).untilReady();
            Promises.withinLimits("FunctionCall repeat", r);
            assertThat(r).as("a FunctionCall from a learner is refused with a clear ERROR (no policy allows it)")
                    .anyMatch(Result::isError);
            Promises.alive("FunctionCall", w);
        }
    }

    @Test
    void extendedProtocolBatchesShareOneBudgetPerStatement() throws Exception {
        try (Wire w = Wire.learner()) {
            List<Result> r = w.send(Pg.parse("wq", "SELECT * FROM atk.wide"), Pg.bind("", "wq"), Pg.execute("", 10),
                    Pg.sync()).untilReady();
            // one portal read in batches of 10 rows: the budget counts the portal, not each batch
            w.simple("BEGIN");
            w.send(Pg.bind("p", "wq"), Pg.sync()).untilReady();
            List<Result> batches = new ArrayList<>();
            long bytes = 0;
            for (int i = 0; i < 60; i++) {
                List<Result> b = w.send(Pg.execute("p", 10), Pg.flush()).untilEnds(1);
                batches.addAll(b);
                bytes += b.stream().mapToLong(Result::bytes).sum();
                if (b.get(b.size() - 1).end() != 's') break;
            }
            w.send(Pg.sync()).untilReady();
            w.simple("COMMIT");
            Promises.withinLimits("one batch", r);
            assertThat(bytes).as("B: bytes over all Executes of one portal: %s", batches)
                    .isLessThanOrEqualTo(AttackProxy.BUDGET + AttackProxy.BYTE_SLACK);
        }
    }
}
