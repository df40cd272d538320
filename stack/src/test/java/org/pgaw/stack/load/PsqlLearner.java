package org.pgaw.stack.load;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.pgaw.stack.e2e.PgAdminSetup;

/**
 * A learner with psql straight at the proxy. Well-behaved: a practice query, think, another, from the first phase.
 * Misbehaving: from the second phase, the misbehaving set in turn (cross joins, pg_sleep, a huge value, a spilling
 * sort) with a second between them. A lost connection is opened again, and the failed connect is a login failure.
 */
final class PsqlLearner implements Runnable {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int LOGIN_ATTEMPTS = 3;

    private final int proxyPort;
    private final PgAdminSetup.LearnerAccount account;
    private final boolean misbehaving;
    private final QueryLog log;
    private final Phases phases;
    private final LoadOptions options;
    private final CountDownLatch ready;
    private final String name;

    PsqlLearner(int proxyPort, PgAdminSetup.LearnerAccount account, boolean misbehaving, QueryLog log, Phases phases,
                LoadOptions options, CountDownLatch ready) {
        this.proxyPort = proxyPort;
        this.account = account;
        this.misbehaving = misbehaving;
        this.log = log;
        this.phases = phases;
        this.options = options;
        this.ready = ready;
        this.name = "psql-" + account.dbRole();
    }

    @Override
    public void run() {
        PsqlProcess psql;
        try {
            psql = connect();
        } finally {
            ready.countDown();
        }
        if (psql == null || !phases.awaitBegin(misbehaving ? 1 : 0)) {
            if (psql != null) psql.close();
            return;
        }
        QueryLog.Who who = misbehaving ? QueryLog.Who.MISBEHAVING_PSQL : QueryLog.Who.PSQL;
        int n = 0;
        while (!phases.over()) {
            phases.think(misbehaving ? Duration.ofSeconds(1) : PgAdminLearner.thinkTime(options));
            int phase = phases.current();
            if (phases.over()) break;
            String sql = misbehaving ? QuerySet.MISBEHAVING.all().get(n++ % QuerySet.MISBEHAVING.all().size())
                    : QuerySet.PRACTICE.random();
            double at = phases.now();
            long t0 = System.nanoTime();
            String error = psql.run(sql, TIMEOUT);
            log.query(who, name, phase, at, (System.nanoTime() - t0) / 1e6, error);
            if (!psql.isAlive() || (error != null && error.startsWith("no answer"))) {
                psql.close();
                psql = connect();
                if (psql == null) return;
            }
        }
        psql.close();
    }

    /** psql connects lazily: a first statement proves the login went through. */
    private PsqlProcess connect() {
        for (int attempt = 1; attempt <= LOGIN_ATTEMPTS; attempt++) {
            PsqlProcess p = PsqlProcess.connect(proxyPort, account.dbRole(), account.dbPassword());
            String error = p.run("SELECT 1", Duration.ofSeconds(60));
            if (error == null) return p;
            p.close();
            log.loginFailure(name, phases.now(), "attempt " + attempt + ": " + error);
            phases.think(Duration.ofSeconds(2L * attempt));
        }
        return null;
    }
}
