package org.pgaw.stack.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.pgaw.stack.e2e.QueryTool;

/**
 * A misbehaving learner in pgAdmin: five Query Tools, each running the cross join counted again as soon as the last
 * one ended (by the proxy's statement timeout, or whatever a fair share does to it). Starts with the second phase.
 */
final class PgAdminMisbehaver implements Runnable {
    static final int TABS = 5;

    private final PgAdminSession session;
    private final QueryLog log;
    private final Phases phases;
    private final CountDownLatch ready;

    PgAdminMisbehaver(PgAdminSession session, QueryLog log, Phases phases, CountDownLatch ready) {
        this.session = session;
        this.log = log;
        this.phases = phases;
        this.ready = ready;
    }

    @Override
    public void run() {
        List<QueryTool> tabs = new ArrayList<>();
        try {
            if (session.logIn()) {
                for (int i = 0; i < TABS; i++) tabs.add(session.openQueryTool());
            }
        } catch (RuntimeException e) {
            log.loginFailure(session.name, phases.now(), "opening a Query Tool: " + e.getMessage());
        } finally {
            ready.countDown();
        }
        if (tabs.isEmpty() || !phases.awaitBegin(1)) return;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < tabs.size(); i++) {
            QueryTool tab = tabs.get(i);
            Thread t = new Thread(() -> keepBusy(tab), session.name + "-tab" + (i + 1));
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void keepBusy(QueryTool tab) {
        while (!phases.over()) {
            int phase = phases.current();
            double at = phases.now();
            long t0 = System.nanoTime();
            String error;
            try {
                QueryTool.Outcome out = tab.run(QuerySet.MISBEHAVING.first(), Duration.ofSeconds(300));
                error = "Success".equals(out.status()) ? null : out.status() + ": " + out.error();
            } catch (RuntimeException e) {
                error = e.getMessage();
                phases.think(Duration.ofSeconds(1));
            }
            log.query(QueryLog.Who.MISBEHAVING_PGADMIN, session.name, phase, at, (System.nanoTime() - t0) / 1e6, error);
        }
    }
}
