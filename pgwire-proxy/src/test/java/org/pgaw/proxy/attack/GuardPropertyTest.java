package org.pgaw.proxy.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Property test of R, B and T: for generated queries (a few tables, cross joins, generate_series, recursive CTEs,
 * set-returning functions, wide values, slow rows) wrapped as plain, subquery, PREPARE/EXECUTE, COPY TO STDOUT or a
 * cursor, and sent by simple Query, pipelined Queries, or Parse/Bind/Execute in batches with Flush, a guarded session
 * never receives more than MAX_ROWS rows or the byte budget for one statement, and no reply comes later than the
 * timer plus slack.
 *
 * <p>Plain JUnit: a {@link SplittableRandom} with a fixed seed draws {@link #TRIES} cases, so every run sends the
 * same ones; {@code -Dpgaw.property.seed=N} explores others. A failure names the seed, the try and the case, which is
 * all it takes to reproduce it. There is no shrinking: every try costs real round trips, and the cases are small.
 */
class GuardPropertyTest {
    static final String SEED_PROPERTY = "pgaw.property.seed";
    static final long DEFAULT_SEED = 20261206L;
    static final int TRIES = 40;

    enum Route { SIMPLE, PIPELINED, EXTENDED }

    record Step(String source, String limit, String wrapper, Route route, int batch) {
        String select() { return source + limit; }

        List<String> statements() {
            String q = select();
            return switch (wrapper) {
                case "subquery" -> List.of("SELECT * FROM (" + q + ") s");
                case "prepare" -> List.of("PREPARE pp AS " + q, "EXECUTE pp", "DEALLOCATE pp");
                case "copy" -> List.of("COPY (" + q + ") TO STDOUT");
                case "cursor" -> List.of("BEGIN", "DECLARE cc CURSOR FOR " + q, "FETCH " + Math.max(batch, 1)
                        + " FROM cc", "FETCH ALL FROM cc", "COMMIT");
                default -> List.of(q);
            };
        }
    }

    private static final List<String> SOURCES = List.of(
            "SELECT * FROM atk.customer",
            "SELECT * FROM atk.wide",
            "SELECT g, md5(g::text) FROM generate_series(1, 100000) g",
            "SELECT a.id, g FROM atk.customer a, generate_series(1, 10) g",
            "SELECT a.id, b.id FROM atk.customer a CROSS JOIN atk.customer b",
            "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n FROM r",
            "SELECT generate_series(1, 50000) AS n",
            "SELECT repeat('x', 100000) AS v FROM generate_series(1, 40)",
            "SELECT pg_sleep(0.2) FROM generate_series(1, 30)",
            "SELECT c.id FROM atk.customer c, (SELECT 1 AS \"limit\") s WHERE s.limit = 1");
    private static final List<String> WRAPPERS = List.of("plain", "subquery", "prepare", "copy", "cursor");
    private static final List<Route> ROUTES = List.of(Route.values());
    private static final List<Integer> BATCHES = List.of(0, 1, 7, 11, 13, 143, 1000);

    /** Draws one case; the order of the draws is part of what a seed means, so keep it. */
    static Step draw(SplittableRandom random) {
        String source = pick(random, SOURCES);
        String limit = switch (random.nextInt(4)) {
            case 0 -> "";
            case 1 -> " LIMIT " + between(random, 0, 5000);
            case 2 -> " FETCH FIRST " + between(random, 1, 5000) + " ROWS ONLY";
            default -> " OFFSET " + between(random, 0, 50);
        };
        return new Step(source, limit, pick(random, WRAPPERS), pick(random, ROUTES), pick(random, BATCHES));
    }

    private static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Uniform in [lo, hi], but one time in five an edge: the range's ends or the row cap's, where off-by-ones live. */
    private static int between(SplittableRandom random, int lo, int hi) {
        if (random.nextInt(5) == 0) {
            int[] edges = {lo, lo + 1, AttackProxy.MAX_ROWS - 1, AttackProxy.MAX_ROWS, AttackProxy.MAX_ROWS + 1, hi};
            int edge = edges[random.nextInt(edges.length)];
            if (edge >= lo && edge <= hi) return edge;
        }
        return random.nextInt(lo, hi + 1);
    }

    @TestFactory
    Stream<DynamicTest> aGuardedSessionStaysWithinTheLimits() {
        long seed = Long.parseLong(System.getProperty(SEED_PROPERTY, Long.toString(DEFAULT_SEED)).trim());
        SplittableRandom root = new SplittableRandom(seed);
        List<Step> steps = IntStream.range(0, TRIES).mapToObj(i -> draw(root.split())).toList();
        return IntStream.range(0, TRIES).mapToObj(i -> {
            String reproduce = "try " + (i + 1) + " of " + TRIES + " with -D" + SEED_PROPERTY + "=" + seed
                    + ", case " + steps.get(i);
            return DynamicTest.dynamicTest(reproduce, () -> holdsReporting(reproduce, steps.get(i)));
        });
    }

    /** Surefire names a dynamic test by its index only, so the message itself carries the seed and the case. */
    private static void holdsReporting(String reproduce, Step step) throws Exception {
        try {
            holds(step);
        } catch (AssertionError e) {
            throw new AssertionError(reproduce + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException(reproduce + ": " + e, e);
        }
    }

    private static void holds(Step step) throws Exception {
        try (Wire w = Wire.learner()) {
            List<Result> results = switch (step.route()) {
                case SIMPLE -> timed(w, List.of(Pg.query(String.join("; ", step.statements()))), 1);
                case PIPELINED -> timed(w, step.statements().stream().map(Pg::query).toList(), step.statements().size());
                case EXTENDED -> extended(w, step);
            };
            String what = step.toString();
            Promises.withinLimits(what, results);
            assertThat(results.stream().mapToInt(Result::dataRows).sum())
                    .as("R: rows over all statements of one query, %s: %s", what, results)
                    .isLessThanOrEqualTo(AttackProxy.MAX_ROWS);
            if (w.status() != 'I') w.simple("ROLLBACK");
        }
    }

    /** Sends the messages at once and reads one ReadyForQuery per message; each reply must come within the timer. */
    private static List<Result> timed(Wire w, List<byte[]> messages, int replies) throws Exception {
        w.send(messages.toArray(byte[][]::new));
        List<Result> all = new ArrayList<>();
        long last = System.nanoTime();
        for (int i = 0; i < replies; i++) {
            List<Result> r = w.untilReady();
            long now = System.nanoTime();
            assertThat(Duration.ofNanos(now - last)).as("T: reply %d of %s", i, r)
                    .isLessThanOrEqualTo(AttackProxy.TIMER.plus(AttackProxy.TIME_SLACK));
            last = now;
            all.addAll(r);
        }
        return all;
    }

    /** One statement by Parse/Bind, then Execute(batch) + Flush until the portal ends, then Sync. */
    private static List<Result> extended(Wire w, Step step) throws Exception {
        List<String> statements = step.statements();
        if (statements.size() != 1) return timed(w, statements.stream().map(Pg::query).toList(), statements.size());
        List<Result> all = new ArrayList<>();
        w.send(Pg.parse("", statements.get(0)), Pg.bind("", ""), Pg.flush());
        for (int i = 0; i <= AttackProxy.MAX_ROWS + 2; i++) {
            List<Result> r = w.send(Pg.execute("", step.batch()), Pg.flush()).untilEnds(1);
            Result last = r.get(r.size() - 1);
            Promises.withinTimer("Execute(" + step.batch() + ") of " + step, last);
            all.addAll(r);
            if (last.end() != 's') break;
            assertThat(last.dataRows()).as("a suspended portal delivered a full batch: %s", last).isEqualTo(step.batch());
        }
        all.addAll(w.send(Pg.sync()).untilReady());
        return all;
    }
}
