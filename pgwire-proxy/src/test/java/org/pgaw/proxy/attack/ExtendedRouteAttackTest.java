package org.pgaw.proxy.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgaw.proxy.attack.AttackProxy.MAX_ROWS;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Promise R by the extended protocol: unnamed and named statements, a Bind to a statement prepared by SQL PREPARE
 * (one namespace in PostgreSQL), Execute with a row count (batches), Flush without Sync, pipelines, COPY; and the
 * rewrite changes nothing but the limit (a bigint LIMIT parameter stays bigint).
 */
class ExtendedRouteAttackTest {
    private static final String BIG = "SELECT * FROM atk.customer ORDER BY id";

    @Test
    void unnamedStatementWithSync() throws Exception {
        try (Wire w = Wire.learner()) {
            Promises.cappedWithNotice("P/B/E/S", w.send(Pg.extended(BIG, 0), Pg.sync()).untilReady());
        }
    }

    @Test
    void flushWithoutSync() throws Exception {
        try (Wire w = Wire.learner()) {
            List<Result> r = w.send(Pg.extended(BIG, 0), Pg.flush()).untilEnds(1);
            r.addAll(w.send(Pg.sync()).untilReady());
            Promises.cappedWithNotice("P/B/E/H then S", r);
        }
    }

    @Test
    void aBindToAStatementPreparedBySqlIsCapped() throws Exception {
        try (Wire w = Wire.learner()) {
            w.simple("PREPARE sqlprep AS " + BIG);
            Promises.cappedWithNotice("Bind to SQL-prepared", w.send(Pg.bind("", "sqlprep"), Pg.execute("", 0), Pg.sync())
                    .untilReady());
        }
    }

    @Test
    void aNamedStatementExecutedAgainAndAgainIsCappedEveryTime() throws Exception {
        try (Wire w = Wire.learner()) {
            w.send(Pg.parse("named", BIG), Pg.sync()).untilReady();
            for (int i = 0; i < 3; i++) {
                Promises.cappedWithNotice("run " + i, w.send(Pg.bind("", "named"), Pg.execute("", 0), Pg.sync())
                        .untilReady());
            }
        }
    }

    @Test
    void pipelinedExecutesAreEachCapped() throws Exception {
        try (Wire w = Wire.learner()) {
            List<Result> r = w.send(Pg.extended(BIG, 0), Pg.extended("SELECT * FROM generate_series(1, 5000)", 0),
                    Pg.extended("COPY (" + BIG + ") TO STDOUT", 0), Pg.sync()).untilReady();
            Promises.withinLimits("pipeline", r);
            assertThat(r).as("three results").hasSize(3);
            for (Result x : r) assertThat(Math.max(x.dataRows(), x.copyRows())).as("%s", x).isEqualTo(MAX_ROWS);
        }
    }

    @ParameterizedTest(name = "batches of {0}")
    @ValueSource(ints = {1, 7, 10, 11, 13, 50, 99, 101, 143})
    void aPortalReadInBatchesEndsWithTheNoticeNotAShortSuspendedBatch(int batch) throws Exception {
        try (Wire w = Wire.learner()) {
            w.send(Pg.parse("", BIG), Pg.bind("", ""), Pg.flush());
            List<Result> all = new ArrayList<>();
            for (int i = 0; i <= MAX_ROWS + 1; i++) {
                Result r = w.send(Pg.execute("", batch), Pg.flush()).untilEnds(1).get(0);
                all.add(r);
                if (r.end() != 's') break;
                assertThat(r.dataRows()).as("a batch marked PortalSuspended is full: %s", r).isEqualTo(batch);
            }
            all.addAll(w.send(Pg.sync()).untilReady());
            Promises.withinLimits("batches of " + batch, all);
            assertThat(all.stream().mapToInt(Result::dataRows).sum()).as("rows over all batches").isEqualTo(MAX_ROWS);
            Result end = all.stream().filter(x -> x.end() == 'C').findFirst().orElseThrow();
            assertThat(end.guardNotices()).as("the Execute that ends the portal carries the notice: %s", all).isNotEmpty();
        }
    }

    @Test
    void aBigintLimitParameterStaysBigint() throws Exception {
        for (String sql : List.of(BIG + " LIMIT $1", BIG + " FETCH FIRST $1 ROWS ONLY", BIG + " OFFSET 0 LIMIT $1")) {
            int[] direct;
            try (Wire d = Wire.direct(AttackDb.LEARNER)) {
                direct = d.send(Pg.parse("", sql), Pg.describeStatement(""), Pg.sync()).untilReady().get(0).paramTypes();
            }
            try (Wire w = Wire.learner()) {
                List<Result> r = w.send(Pg.parse("", sql), Pg.describeStatement(""), Pg.sync()).untilReady();
                assertThat(r.get(0).paramTypes()).as("parameter types PostgreSQL describes for %s", sql)
                        .containsExactly(direct);
                List<Result> run = w.send(Pg.bind("", "", "3000000000"), Pg.execute("", 0), Pg.sync()).untilReady();
                Promises.cappedWithNotice(sql + " with 3000000000", run);
            }
        }
    }

    @Test
    void copyByTheExtendedProtocolIsCapped() throws Exception {
        try (Wire w = Wire.learner()) {
            Promises.cappedWithNotice("COPY by Execute",
                    w.send(Pg.extended("COPY (" + BIG + ") TO STDOUT", 0), Pg.sync()).untilReady());
        }
    }
}
