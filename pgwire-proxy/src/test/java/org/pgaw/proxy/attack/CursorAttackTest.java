package org.pgaw.proxy.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgaw.proxy.attack.AttackProxy.MAX_ROWS;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Promise R for cursors: a capped cursor behaves as a cursor over the first MAX_ROWS rows. Re-fetching, MOVE and
 * scrolling give what PostgreSQL gives over those rows; one-row-at-a-time fetching never adds up to more; a cursor's
 * portal executed by the protocol (no Bind) is capped too.
 */
class CursorAttackTest {
    private static final String BIG = "SELECT * FROM atk.customer ORDER BY id";

    @Test
    void aScrollCursorScrollsOverTheFirstMaxRows() throws Exception {
        try (Wire w = Wire.learner()) {
            w.simple("BEGIN");
            w.simple("DECLARE sc SCROLL CURSOR FOR " + BIG);
            int half = MAX_ROWS * 6 / 10;
            assertThat(rows(w, "FETCH " + half + " FROM sc")).isEqualTo(half);
            w.simple("MOVE ABSOLUTE 0 IN sc");
            assertThat(rows(w, "FETCH " + half + " FROM sc")).as("re-fetch after MOVE ABSOLUTE 0").isEqualTo(half);
            assertThat(rows(w, "FETCH " + half + " FROM sc")).as("the rest of the first MAX_ROWS").isEqualTo(MAX_ROWS - half);
            assertThat(rows(w, "FETCH " + half + " FROM sc")).as("beyond the cap").isZero();
            assertThat(rows(w, "FETCH BACKWARD 30 FROM sc")).as("scrolling back works").isEqualTo(30);
            assertThat(rows(w, "FETCH ABSOLUTE " + (MAX_ROWS + 50) + " FROM sc")).as("absolute beyond the cap").isZero();
            assertThat(rows(w, "FETCH BACKWARD ALL FROM sc")).as("backward all").isLessThanOrEqualTo(MAX_ROWS);
            List<Result> last = w.simple("FETCH LAST FROM sc");
            Promises.withinLimits("FETCH LAST", last);
            w.simple("COMMIT");
            Promises.alive("scroll cursor", w);
        }
    }

    @Test
    void oneRowAtATimeNeverAddsUpToMoreThanTheCap() throws Exception {
        try (Wire w = Wire.learner()) {
            w.simple("BEGIN; DECLARE one CURSOR FOR " + BIG);
            int total = 0;
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < MAX_ROWS + 50; i++) batch.append("FETCH NEXT FROM one;");
            for (Result r : w.simple(batch.toString())) total += r.dataRows();
            assertThat(total).as("rows fetched one at a time from a capped cursor").isEqualTo(MAX_ROWS);
            w.simple("COMMIT");
        }
    }

    @Test
    void relativeAndAbsoluteFetchesDoNotReachBeyondTheCap() throws Exception {
        try (Wire w = Wire.learner()) {
            w.simple("BEGIN; DECLARE rc SCROLL CURSOR FOR " + BIG);
            int total = 0;
            for (int pos = 1; pos <= 20_000; pos += 97) {
                Result r = w.one("FETCH ABSOLUTE " + pos + " FROM rc");
                total += r.dataRows();
            }
            List<Result> rel = w.simple("MOVE ABSOLUTE 0 IN rc; FETCH RELATIVE 5000 FROM rc; FETCH FORWARD ALL FROM rc");
            Promises.withinLimits("relative", rel);
            assertThat(total).as("distinct positions beyond MAX_ROWS must be empty").isLessThanOrEqualTo(MAX_ROWS / 97 + 1);
            w.simple("COMMIT");
        }
    }

    @Test
    void aDeclaredCursorsPortalExecutedByTheProtocolIsCapped() throws Exception {
        try (Wire w = Wire.learner()) {
            w.simple("BEGIN; DECLARE pc CURSOR FOR " + BIG);
            List<Result> r = w.send(Pg.execute("pc", 0), Pg.sync()).untilReady();
            Promises.withinLimits("Execute of portal pc", r);
            List<Result> batches = new ArrayList<>();
            w.simple("CLOSE pc; DECLARE pc2 CURSOR FOR " + BIG);
            for (int i = 0; i < 30; i++) {
                List<Result> b = w.send(Pg.execute("pc2", 7), Pg.sync()).untilReady();
                batches.addAll(b);
                if (b.isEmpty() || b.get(b.size() - 1).end() != 's') break;
            }
            Promises.withinLimits("Execute(7) of portal pc2", batches);
            assertThat(batches.stream().mapToInt(Result::dataRows).sum()).as("rows over all Executes of a capped cursor")
                    .isLessThanOrEqualTo(MAX_ROWS);
            w.simple("COMMIT");
        }
    }

    @Test
    void cursorToXmlSeesOnlyTheCappedCursor() throws Exception {
        try (Wire w = Wire.learner()) {
            List<Result> r = w.simple("BEGIN; DECLARE xc CURSOR FOR " + BIG
                    + "; SELECT cursor_to_xml('xc', 5000, false, true, ''); COMMIT");
            Promises.withinLimits("cursor_to_xml", r);
            String xml = r.stream().filter(x -> x.dataRows() == 1).map(Result::firstRow).findFirst().orElse("");
            int rowsInXml = xml.split("<row>", -1).length - 1;
            assertThat(rowsInXml).as("rows inside cursor_to_xml's value of a capped cursor").isLessThanOrEqualTo(MAX_ROWS);
        }
    }

    @Test
    void aCatalogCrossJoinHasAHigherCapButNotNone() throws Exception {
        long full = AttackDb.count("SELECT count(*) FROM pg_catalog.pg_class a, pg_catalog.pg_attribute b");
        try (Wire w = Wire.learner()) {
            Result r = w.one("SELECT a.oid, b.attname FROM pg_catalog.pg_class a, pg_catalog.pg_attribute b");
            assertThat((long) r.dataRows()).as("a cross join of catalogs (%d rows) is still capped: %s", full, r)
                    .isLessThan(full);
            assertThat(r.guardNotices()).as("and the learner is told").isNotEmpty();
        }
    }

    private static int rows(Wire w, String sql) throws Exception {
        Result r = w.one(sql);
        Promises.withinLimits(sql, r);
        assertThat(r.isError()).as("%s: %s", sql, r).isFalse();
        return r.dataRows();
    }
}
