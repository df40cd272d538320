package org.pgaw.stack.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.pgaw.stack.e2e.ClassStack;
import org.pgaw.stack.e2e.Learner;
import org.pgaw.stack.e2e.LearnerJourney;
import org.pgaw.stack.e2e.QueryTool;

/**
 * A learner's browser on pgAdmin, as the page drives it: log in through nginx, connect to AdventureWorks, open the
 * object tree, open Query Tools. Logging in is retried (a learner would try again); every failed attempt is a
 * login failure in the report.
 */
final class PgAdminSession {
    private static final int LOGIN_ATTEMPTS = 3;

    final String name;
    private final ClassStack stack;
    private final java.util.function.Function<String, Learner> browsers;
    private final int account;
    private final QueryLog log;
    private final Phases phases;
    private Learner browser;
    private LearnerJourney.Database db;

    /** browsers: a new browser (own cookie jar) for a name. */
    PgAdminSession(ClassStack stack, java.util.function.Function<String, Learner> browsers, int account, QueryLog log,
                   Phases phases) {
        this.stack = stack;
        this.browsers = browsers;
        this.account = account;
        this.log = log;
        this.phases = phases;
        this.name = "pgadmin-" + stack.learners().get(account).dbRole();
    }

    /** Logs in and connects; false when every attempt failed. */
    boolean logIn() {
        for (int attempt = 1; attempt <= LOGIN_ATTEMPTS; attempt++) {
            try {
                var a = stack.learners().get(account);
                browser = browsers.apply(name);
                browser.login(a.email(), a.webPassword());
                db = new LearnerJourney(stack).connect(browser, account);
                browseTree();
                return true;
            } catch (RuntimeException e) {
                log.loginFailure(name, phases.now(), "attempt " + attempt + ": " + e.getMessage());
                phases.think(java.time.Duration.ofSeconds(2L * attempt));
            }
        }
        return false;
    }

    /** Opens the tree as a learner does: schemas, the tables of one, the columns of one table. */
    void browseTree() {
        String base = db.gid() + "/" + db.sid() + "/" + db.did() + "/";
        Map<String, Integer> schemas = LearnerJourney.labels(browser.getNodes("/browser/schema/nodes/" + base));
        List<Integer> ids = new ArrayList<>(schemas.values());
        int scid = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
        JsonNode tables = browser.getNodes("/browser/table/nodes/" + base + scid + "/");
        if (tables.size() == 0) return;
        int tid = tables.get(ThreadLocalRandom.current().nextInt(tables.size())).path("_id").asInt();
        browser.getNodes("/browser/column/nodes/" + base + scid + "/" + tid + "/");
    }

    QueryTool openQueryTool() {
        return QueryTool.open(browser, db.gid(), db.sid(), db.did(), "adventureworks");
    }
}
