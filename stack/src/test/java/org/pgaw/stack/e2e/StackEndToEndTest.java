package org.pgaw.stack.e2e;

import org.pgaw.stack.support.Program;
import org.pgaw.stack.support.NeedsPrograms;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The learner's journey through the real programs as local processes: nginx (the repository's config), three
 * pgAdmin 4 replicas (gunicorn, the repository's config_system.py and pgaw_admin.py), a shared settings
 * PostgreSQL, pgwire-proxy and AdventureWorks, all on loopback; driven over HTTPS through nginx with pgAdmin's
 * own HTTP API, six browsers from one client address. Here also: the same cross join with the proxy bypassed,
 * for the headline figure (under Docker, pgAdmin cannot reach the database without the proxy: the networks
 * forbid it).
 */
@NeedsPrograms({Program.PGADMIN, Program.NGINX_E2E, Program.OPENSSL_E2E})
class StackEndToEndTest extends LearnerJourneyTest {
    StackTopology stack;

    @Override
    protected ClassStack startStack() throws Exception {
        stack = StackTopology.start(6);
        return stack;
    }

    @Test
    @Order(5)
    void theSameCrossJoinWithTheProxyBypassedFillsTheReplica() {
        // A learner's own server entry straight at PostgreSQL, as a pgAdmin without the proxy would have.
        Learner l = journey.learner(2);
        String route = l.route();
        LearnerJourney.Database db = journey.connect(l, 2);
        var created = l.postJson("/browser/server/obj/" + db.gid() + "/", Map.of("name", "AdventureWorks direct",
                "host", "127.0.0.1", "port", stack.adventureWorks.getPort(), "db", "adventureworks",
                "username", stack.learners.get(2).dbRole(), "sslmode", "prefer", "connect_now", false));
        Learner.check(created, 200, "add the direct server");
        int directSid = Learner.parse(created.body()).path("node").path("_id").asInt();
        Learner.check(l.postJson("/browser/server/connect/" + db.gid() + "/" + directSid,
                Map.of("password", stack.learners.get(2).dbPassword(), "save_password", false)), 200, "connect direct");
        int directDid = LearnerJourney.labels(l.getNodes("/browser/database/nodes/" + db.gid() + "/" + directSid
                + "/")).get("adventureworks");
        QueryTool qt = QueryTool.open(l, db.gid(), directSid, directDid, "adventureworks");
        qt.run("SELECT 1", Duration.ofSeconds(30));
        long before = stack.replicaRssBytes(route);
        QueryTool.Outcome out = qt.run(LearnerJourney.CROSS_JOIN, Duration.ofSeconds(240));
        long growth = stack.replicaRssBytes(route) - before;
        journey.report("proxy bypassed", growth, out);
        assertThat(out.status()).as(out.error()).isEqualTo("Success");
        assertThat(out.rowsAffected()).isEqualTo(LearnerJourney.CROSS_JOIN_ROWS);
        assertThat(growth).as("the bypass run is what the proxy prevents").isGreaterThan(LearnerJourney.RSS_BOUND_BYTES);
        qt.close();
    }
}
