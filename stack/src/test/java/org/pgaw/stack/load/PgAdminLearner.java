package org.pgaw.stack.load;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import org.pgaw.stack.e2e.QueryTool;

/**
 * A well-behaved learner in pgAdmin: one Query Tool, a practice query, think, another; now and then a look at the
 * tree. The latency recorded is what the learner waits for: from Execute until the grid shows the result (pgAdmin's
 * page polls every 250 ms, so it includes up to one poll interval).
 */
final class PgAdminLearner implements Runnable {
    /** Longer than the proxy's statement timeout (30 s): a practice query that ends there is an error, not a hang. */
    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(90);

    private final PgAdminSession session;
    private final QueryLog log;
    private final Phases phases;
    private final LoadOptions options;
    private final CountDownLatch ready;

    PgAdminLearner(PgAdminSession session, QueryLog log, Phases phases, LoadOptions options, CountDownLatch ready) {
        this.session = session;
        this.log = log;
        this.phases = phases;
        this.options = options;
        this.ready = ready;
    }

    @Override
    public void run() {
        QueryTool tool = null;
        try {
            if (session.logIn()) tool = openQueryTool();
        } finally {
            ready.countDown();
        }
        if (tool == null || !phases.awaitBegin(0)) return;
        int n = 0;
        while (!phases.over()) {
            phases.think(thinkTime(options));
            int phase = phases.current();
            if (phases.over()) break;
            double at = phases.now();
            long t0 = System.nanoTime();
            String error;
            try {
                if (++n % 8 == 0) session.browseTree();
                QueryTool.Outcome out = tool.run(QuerySet.PRACTICE.random(), QUERY_TIMEOUT);
                error = "Success".equals(out.status()) ? null : out.status() + ": " + out.error();
            } catch (RuntimeException e) {
                error = e.getMessage();
                tool = reopen(tool);
            }
            log.query(QueryLog.Who.PGADMIN, session.name, phase, at, (System.nanoTime() - t0) / 1e6, error);
            if (tool == null) return;
        }
        tool.close();
    }

    private QueryTool openQueryTool() {
        try {
            return session.openQueryTool();
        } catch (RuntimeException e) {
            log.loginFailure(session.name, phases.now(), "opening the Query Tool: " + e.getMessage());
            return null;
        }
    }

    /** After a failure the tab may be unusable: a learner opens a new one. */
    private QueryTool reopen(QueryTool old) {
        try {
            old.close();
        } catch (RuntimeException ignored) {
            // the old tab is gone already
        }
        return openQueryTool();
    }

    static Duration thinkTime(LoadOptions o) {
        long min = o.thinkMin().toMillis();
        long max = o.thinkMax().toMillis();
        return Duration.ofMillis(min + (max > min ? ThreadLocalRandom.current().nextLong(max - min) : 0));
    }
}
