package org.pgaw.proxy.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Promise R by simple Query: whatever the SQL, a learner receives at most MAX_ROWS rows per result, then a notice
 * and a normal end. Each case is a route a curious learner finds: statements the rewriter leaves alone, misreads,
 * gives up on, or lexes differently from PostgreSQL. atk.customer has 20,000 rows.
 *
 * <p>CAPPED cases are ordinary queries: the learner must get exactly MAX_ROWS rows and the notice. BOUNDED cases may
 * also be refused outright (a guard may reject the SET that makes the lexers disagree); they must never deliver more.
 */
class RowCapAttackTest {
    enum Expect { CAPPED, BOUNDED }

    private static final String BIG = "SELECT * FROM atk.customer";

    static Stream<Arguments> routes() {
        String mib = "x".repeat(1024 * 1024);
        List<Arguments> a = new ArrayList<>();
        add(a, "plain", Expect.CAPPED, BIG);
        add(a, "own LIMIT above the cap", Expect.CAPPED, BIG + " LIMIT 5000");
        add(a, "LIMIT ALL", Expect.CAPPED, BIG + " LIMIT ALL");
        add(a, "LIMIT NULL", Expect.CAPPED, BIG + " LIMIT NULL");
        add(a, "LIMIT (subquery)", Expect.CAPPED, BIG + " LIMIT (SELECT 5000)");
        add(a, "FETCH FIRST n ROWS WITH TIES", Expect.CAPPED, BIG + " ORDER BY id FETCH FIRST 5000 ROWS WITH TIES");
        add(a, "OFFSET only", Expect.CAPPED, BIG + " OFFSET 10");
        add(a, "TABLE", Expect.CAPPED, "TABLE atk.customer");
        add(a, "parenthesised", Expect.CAPPED, "(" + BIG + ")");
        add(a, "UNION ALL", Expect.CAPPED, BIG + " UNION ALL " + BIG);
        add(a, "VALUES of 300 rows", Expect.CAPPED, "VALUES " + String.join(",", java.util.Collections.nCopies(300, "(1)")));
        add(a, "odd case and comments as spaces", Expect.CAPPED, "sElEcT/**/*FrOm\"atk\".\"customer\"");
        add(a, "nested comment hiding a LIMIT", Expect.CAPPED, "SELECT /* /* */ LIMIT 1 */ * FROM atk.customer");
        add(a, "dollar quote hiding a LIMIT", Expect.CAPPED, "SELECT $a$ $$ LIMIT 1 $$ $a$, * FROM atk.customer");
        add(a, "quoted identifier with doubled quote", Expect.CAPPED, BIG + " AS \"x\"\" LIMIT 1 --\"");
        add(a, "E-string with escaped quote", Expect.CAPPED, BIG + " WHERE name <> E'\\' LIMIT 1 --'");
        add(a, "U&-string with UESCAPE", Expect.CAPPED, BIG + " WHERE name <> U&'!0041' UESCAPE '!'");
        add(a, "empty statements around", Expect.CAPPED, ";;" + BIG + ";;");
        add(a, "middle of three statements", Expect.CAPPED, "SELECT 1; " + BIG + "; SELECT 2");
        add(a, "generate_series", Expect.CAPPED, "SELECT * FROM generate_series(1, 1000000)");
        add(a, "ROWS FROM", Expect.CAPPED, "SELECT * FROM ROWS FROM (generate_series(1, 100000))");
        add(a, "set-returning function in the select list", Expect.CAPPED, "SELECT generate_series(1, 100000)");
        add(a, "unnest of an array subquery", Expect.CAPPED, "SELECT unnest(array(SELECT id FROM atk.customer))");
        add(a, "endless recursive CTE", Expect.CAPPED,
                "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT * FROM r");
        add(a, "materialized CTE", Expect.CAPPED, "WITH x AS MATERIALIZED (" + BIG + ") SELECT * FROM x");
        add(a, "LATERAL", Expect.CAPPED, BIG + " c, LATERAL (SELECT c.id * 2 AS d) x");
        add(a, "keyword \"into\" as a column name", Expect.CAPPED,
                "SELECT c.* FROM atk.customer c, (SELECT 1 AS \"into\") s WHERE s.into = 1");
        add(a, "s.limit", Expect.CAPPED, "SELECT s.limit, c.* FROM atk.customer c, (SELECT 1 AS limit) s");
        add(a, "f.fetch next", Expect.CAPPED, "SELECT f.fetch next, c.* FROM atk.customer c, (SELECT 1 AS fetch) f");
        add(a, "s.offset and s.for", Expect.CAPPED,
                "SELECT s.offset, s.for, c.* FROM atk.customer c, (SELECT 1 AS offset, 2 AS for) s");
        add(a, "column definition list naming update", Expect.CAPPED,
                BIG + " c, json_to_record('{\"update\": 1}') AS r(update int)");
        add(a, "column definition list naming \"delete\"", Expect.CAPPED,
                BIG + " c, json_to_record('{\"delete\": 1}') AS r(\"delete\" int)");
        // Refused whole (54000: a learner's statement is at most limits.max_statement_bytes) or capped: either holds.
        add(a, "1 MiB block comment", Expect.BOUNDED, "/* " + mib + " */ " + BIG);
        add(a, "1 MiB line comment", Expect.BOUNDED, "-- " + mib + "\n" + BIG);
        add(a, "followed by a string saying BEGIN ATOMIC", Expect.CAPPED, BIG + "; SELECT 'BEGIN ATOMIC'");
        add(a, "followed by a statement with BEGIN ATOMIC", Expect.BOUNDED,
                BIG + "; CREATE FUNCTION atk_play.f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END");
        add(a, "followed by a ; inside parentheses", Expect.BOUNDED,
                BIG + "; CREATE RULE r AS ON INSERT TO atk.play_target DO ALSO (SELECT 1; SELECT 2)");
        add(a, "PREPARE then EXECUTE", Expect.CAPPED, "PREPARE atk_q AS " + BIG + "; EXECUTE atk_q");
        add(a, "PREPARE with a bigint LIMIT parameter", Expect.CAPPED,
                "PREPARE atk_q(bigint) AS " + BIG + " LIMIT $1; EXECUTE atk_q(3000000000)");
        add(a, "PREPARE named \"LIMIT\"", Expect.CAPPED, "PREPARE \"LIMIT\" AS " + BIG + "; EXECUTE \"LIMIT\"");
        add(a, "COPY (SELECT) TO STDOUT", Expect.CAPPED, "COPY (" + BIG + ") TO STDOUT");
        add(a, "COPY table TO STDOUT", Expect.CAPPED, "COPY atk.customer TO STDOUT");
        add(a, "COPY csv", Expect.CAPPED, "COPY atk.customer TO STDOUT WITH (FORMAT csv)");
        add(a, "COPY binary", Expect.BOUNDED, "COPY atk.customer TO STDOUT WITH (FORMAT binary)");
        add(a, "COPY as the second statement", Expect.CAPPED, "SELECT 1; COPY (" + BIG + ") TO STDOUT");
        add(a, "cursor FETCH ALL", Expect.CAPPED,
                "BEGIN; DECLARE c CURSOR FOR " + BIG + "; FETCH ALL FROM c; COMMIT");
        add(a, "cursor FETCH FORWARD 5000", Expect.CAPPED,
                "BEGIN; DECLARE c CURSOR FOR " + BIG + "; FETCH FORWARD 5000 FROM c; COMMIT");
        // WITH HOLD is refused now (HoldCursorRound3Test): the quoted name is tried in a transaction.
        add(a, "quoted cursor name with spaces, SCROLL", Expect.CAPPED,
                "BEGIN; DECLARE \"my big cursor\" SCROLL CURSOR FOR " + BIG + "; FETCH ALL FROM \"my big cursor\"; COMMIT");
        add(a, "U&\"...\" cursor name", Expect.CAPPED,
                "BEGIN; DECLARE U&\"\\0063ur\" CURSOR FOR " + BIG + "; FETCH ALL FROM cur; COMMIT");
        add(a, "cursor opened inside a function", Expect.CAPPED,
                "BEGIN; SELECT atk.open_cursor(); FETCH ALL FROM fn_cur; COMMIT");
        add(a, "cursor opened inside a function, FETCH 5000 twice", Expect.BOUNDED,
                "BEGIN; SELECT atk.open_cursor(); FETCH 5000 FROM fn_cur; FETCH 5000 FROM fn_cur; COMMIT");
        // Refused by the gate (SQL in a string cannot be checked) — never catalog-only, never uncapped.
        add(a, "query_to_xml over pg_class (SQL in a string is not catalog-only)", Expect.BOUNDED,
                "SELECT query_to_xml('SELECT * FROM atk.customer LIMIT 3', true, false, '') FROM pg_catalog.pg_class");
        add(a, "user table joined to a catalog", Expect.CAPPED, BIG + " c, pg_catalog.pg_namespace n");
        add(a, "SHOW ALL", Expect.BOUNDED, "SHOW ALL");
        add(a, "to_tsvector notices per row (rows as notices)", Expect.BOUNDED,
                "SELECT count(*) FROM (SELECT to_tsvector('simple', repeat('x', 3000) || g) FROM generate_series(1, 5000) g) s");
        add(a, "DO block RAISE NOTICE loop (rows as notices)", Expect.BOUNDED,
                "DO $$ DECLARE r record; BEGIN FOR r IN SELECT * FROM atk.customer LOOP RAISE NOTICE '%', r; END LOOP; END $$");
        add(a, "DO block opening a cursor, FETCH ALL outside", Expect.BOUNDED,
                "BEGIN; DO $$ DECLARE c refcursor := 'do_cur'; BEGIN OPEN c FOR SELECT * FROM atk.customer; END $$;"
                        + " FETCH ALL FROM do_cur; COMMIT");
        add(a, "standard_conforming_strings off, then a backslash (same Query)", Expect.BOUNDED,
                "SET standard_conforming_strings = off; " + BIG + " WHERE name <> 'x\\' LIMIT 1 --'");
        add(a, "standard_conforming_strings off via set_config, then N'' (same Query)", Expect.BOUNDED,
                "SELECT set_config('standard_conforming_strings', 'off', false); "
                        + BIG + " WHERE name <> N'x\\' LIMIT 1 --'");
        add(a, "standard_conforming_strings off (earlier Query)", Expect.BOUNDED,
                "SET standard_conforming_strings = off", BIG + " WHERE name <> 'x\\' LIMIT 1 --'");
        add(a, "standard_conforming_strings off in a transaction, SET LOCAL", Expect.BOUNDED,
                "BEGIN; SET LOCAL standard_conforming_strings = off; " + BIG + " WHERE name <> 'x\\' LIMIT 1 --'; COMMIT");
        return a.stream();
    }

    private static void add(List<Arguments> a, String name, Expect e, String... queries) {
        a.add(Arguments.of(name, e, List.of(queries)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void aLearnerNeverReceivesMoreThanTheCap(String name, Expect expect, List<String> queries) throws Exception {
        try (Wire w = Wire.learner()) {
            List<Result> all = new ArrayList<>();
            for (String q : queries) all.addAll(w.simple(q));
            if (expect == Expect.CAPPED) {
                Promises.cappedWithNotice(name, all);
            } else {
                Promises.withinLimits(name, all);
            }
            Promises.alive(name, w);
        }
    }

    static Stream<Arguments> multiQueryRoutes() {
        return routes().filter(a -> ((List<?>) a.get()[2]).size() > 1);
    }

    @ParameterizedTest(name = "pipelined: {0}")
    @MethodSource("multiQueryRoutes")
    void pipelinedQueriesAreCappedToo(String name, Expect expect, List<String> queries) throws Exception {
        try (Wire w = Wire.learner()) {
            byte[][] msgs = queries.stream().map(Pg::query).toArray(byte[][]::new);
            w.send(msgs);
            List<Result> all = new ArrayList<>();
            for (int i = 0; i < queries.size(); i++) all.addAll(w.untilReady());
            Promises.withinLimits(name, all);
            assertThat(all).as("some reply for %s", name).isNotEmpty();
        }
    }
}
