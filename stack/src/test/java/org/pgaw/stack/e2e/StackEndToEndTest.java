package org.pgaw.stack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The learner's journey through the real programs, as the issue lists it: nginx (the repository's config),
 * three pgAdmin 4 replicas (gunicorn, the repository's config_system.py and pgaw_admin.py), a shared settings
 * PostgreSQL, pgwire-proxy and AdventureWorks, all on loopback; driven over HTTPS through nginx with
 * pgAdmin's own HTTP API, six browsers from one client address.
 *
 * The steps build on each other (logins, then queries, then a replica dies), hence one ordered class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackEndToEndTest {
    /** Through the proxy, the replica's memory may grow by less than this for the huge cross join. */
    static final long RSS_BOUND_BYTES = 64L * 1024 * 1024;
    /** 3000 × 3000 = 9 million rows: big enough to show the point, small enough for the bypass run here. */
    static final String CROSS_JOIN = "SELECT a.i, b.j, 'row ' || a.i || '/' || b.j AS label "
            + "FROM generate_series(1, 3000) a(i) CROSS JOIN generate_series(1, 3000) b(j)";

    StackTopology stack;
    final List<Learner> learners = new ArrayList<>();
    final Map<Learner, String> firstRoute = new LinkedHashMap<>();
    int gid;
    int sid;
    int did;

    @BeforeAll
    void startStack() throws Exception {
        stack = StackTopology.start(6);
    }

    @AfterAll
    void stopStack() {
        if (stack != null) stack.close();
    }

    @Test
    @Order(1)
    void sixLearnersFromOneAddressAreSpreadOverAllThreeReplicasAndStayThere() {
        for (int i = 0; i < 6; i++) {
            Learner l = stack.browser("learner" + (i + 1));
            var account = stack.learners.get(i);
            l.login(account.email(), account.webPassword());
            learners.add(l);
            firstRoute.put(l, l.route());
        }
        // nginx deals new browsers out round robin (one worker): a, b, c, a, b, c. Not by IP: all six came
        // from 127.0.0.1, and ip_hash would have put them all on one replica.
        assertThat(firstRoute.values()).containsExactly("a", "b", "c", "a", "b", "c");
        for (Learner l : learners) {
            assertThat(l.loggedIn()).as(l.name + " still logged in").isTrue();
            assertThat(Set.copyOf(l.routesSeen())).as(l.name + "'s routes").containsExactly(firstRoute.get(l));
        }
    }

    @Test
    @Order(2)
    void theObjectTreeBrowsesAdventureWorksThroughTheProxy() {
        Learner l = learners.get(1);
        connect(l, 1);
        assertThat(serverHost(l)).as("the learner's server entry is the proxy")
                .isEqualTo("127.0.0.1:" + stack.proxy.address().getPort());
        Map<String, Integer> schemas = labels(l.getNodes("/browser/schema/nodes/" + gid + "/" + sid + "/" + did + "/"));
        assertThat(schemas).containsKeys("production", "purchasing", "sales");
        int scid = schemas.get("production");
        Map<String, Integer> tables = labels(l.getNodes("/browser/table/nodes/" + gid + "/" + sid + "/" + did + "/"
                + scid + "/"));
        assertThat(tables).containsKeys("product", "productcategory", "productsubcategory");
        Map<String, Integer> columns = labels(l.getNodes("/browser/column/nodes/" + gid + "/" + sid + "/" + did + "/"
                + scid + "/" + tables.get("product") + "/"));
        assertThat(columns).containsKeys("productid", "name", "listprice", "productsubcategoryid");
    }

    @Test
    @Order(3)
    void aPracticeQueryAcrossThreeSchemasReturnsTheRightRows() throws Exception {
        Learner l = learners.get(0);
        connect(l, 0);
        QueryTool qt = QueryTool.open(l, gid, sid, did, "adventureworks");
        QueryTool.Outcome out = qt.run(AdventureWorksFixture.PRACTICE_QUERY, Duration.ofSeconds(60));
        assertThat(out.status()).as(out.error()).isEqualTo("Success");
        List<List<String>> shown = new ArrayList<>();
        out.firstPage().forEach(row -> {
            List<String> cells = new ArrayList<>();
            row.forEach(cell -> cells.add(cell.asText()));
            shown.add(cells);
        });
        assertThat(shown).isEqualTo(direct(AdventureWorksFixture.PRACTICE_QUERY)).isNotEmpty();
        qt.close();
    }

    @Test
    @Order(4)
    void aHugeCrossJoinIsCappedWithANoticeAndTheReplicaStaysSmall() {
        Learner l = learners.get(1);
        PgAdminReplica replica = replicaOf(l);
        connect(l, 1); // server ids are per pgAdmin user
        QueryTool qt = QueryTool.open(l, gid, sid, did, "adventureworks");
        qt.run("SELECT 1", Duration.ofSeconds(30));
        long before = replica.workerRssBytes();
        QueryTool.Outcome out = qt.run(CROSS_JOIN, Duration.ofSeconds(120));
        long growth = replica.workerRssBytes() - before;
        report("through the proxy", growth, out);
        assertThat(out.status()).as(out.error()).isEqualTo("Success");
        assertThat(out.rowsAffected()).as("rows the grid shows").isEqualTo(StackTopology.PROXY_MAX_ROWS);
        assertThat(out.messages()).as("the Messages tab").contains(Integer.toString(StackTopology.PROXY_MAX_ROWS));
        assertThat(growth).as("RSS growth of %s", replica.name()).isLessThan(RSS_BOUND_BYTES);
        qt.close();
    }

    @Test
    @Order(5)
    void theSameCrossJoinWithTheProxyBypassedFillsTheReplica() {
        // A learner's own server entry straight at PostgreSQL, as a pgAdmin without the proxy would have.
        Learner l = learners.get(2);
        PgAdminReplica replica = replicaOf(l);
        connect(l, 2);
        var created = l.postJson("/browser/server/obj/" + gid + "/", Map.of("name", "AdventureWorks direct",
                "host", "127.0.0.1", "port", stack.adventureWorks.getPort(), "db", "adventureworks",
                "username", stack.learners.get(2).dbRole(), "sslmode", "prefer", "connect_now", false));
        Learner.check(created, 200, "add the direct server");
        int directSid = Learner.parse(created.body()).path("node").path("_id").asInt();
        Learner.check(l.postJson("/browser/server/connect/" + gid + "/" + directSid,
                Map.of("password", stack.learners.get(2).dbPassword(), "save_password", false)), 200, "connect direct");
        int directDid = labels(l.getNodes("/browser/database/nodes/" + gid + "/" + directSid + "/")).get("adventureworks");
        QueryTool qt = QueryTool.open(l, gid, directSid, directDid, "adventureworks");
        qt.run("SELECT 1", Duration.ofSeconds(30));
        long before = replica.workerRssBytes();
        QueryTool.Outcome out = qt.run(CROSS_JOIN, Duration.ofSeconds(240));
        long growth = replica.workerRssBytes() - before;
        report("proxy bypassed", growth, out);
        assertThat(out.status()).as(out.error()).isEqualTo("Success");
        assertThat(out.rowsAffected()).isEqualTo(9_000_000L);
        assertThat(growth).as("the bypass run is what the proxy prevents").isGreaterThan(RSS_BOUND_BYTES);
        qt.close();
    }

    @Test
    @Order(6)
    void theStopButtonCancelsASleepingQuery() {
        Learner l = learners.get(3);
        connect(l, 3);
        QueryTool qt = QueryTool.open(l, gid, sid, did, "adventureworks");
        long start = System.nanoTime();
        qt.start("SELECT pg_sleep(600)");
        sleep(Duration.ofSeconds(1));
        qt.cancel();
        QueryTool.Outcome out = qt.await(start, Duration.ofSeconds(60));
        assertThat(out.status()).isEqualTo("Error");
        assertThat(out.error()).contains("canceling statement due to user request");
        assertThat(out.elapsed()).isLessThan(StackTopology.PROXY_STATEMENT_TIMEOUT);
        qt.close();
    }

    @Test
    @Order(7)
    void withoutStopTheProxysTimeoutEndsIt() {
        Learner l = learners.get(3);
        QueryTool qt = QueryTool.open(l, gid, sid, did, "adventureworks");
        QueryTool.Outcome out = qt.run("SELECT pg_sleep(600)", Duration.ofSeconds(60));
        assertThat(out.status()).isEqualTo("Error");
        assertThat(out.error()).containsIgnoringCase("cancel");
        assertThat(out.elapsed()).isBetween(StackTopology.PROXY_STATEMENT_TIMEOUT,
                StackTopology.PROXY_STATEMENT_TIMEOUT.plusSeconds(20));
        qt.close();
    }

    @Test
    @Order(8)
    void whenAReplicaDiesItsLearnersLogInAgainElsewhereAndNobodyElseNotices() {
        PgAdminReplica victim = stack.replicas.get(0); // route a: learners 1 and 4
        victim.kill();
        for (int i = 0; i < learners.size(); i++) {
            Learner l = learners.get(i);
            var account = stack.learners.get(i);
            if (firstRoute.get(l).equals("a")) {
                assertThat(l.loggedIn()).as(l.name + "'s session died with its replica").isFalse();
                l.login(account.email(), account.webPassword());
                assertThat(l.route()).as(l.name + " moved").isIn("b", "c");
                String moved = l.route();
                assertThat(l.loggedIn()).isTrue();
                connect(l, i);
                QueryTool.Outcome out = QueryTool.open(l, gid, sid, did, "adventureworks")
                        .run("SELECT count(*) FROM production.product", Duration.ofSeconds(60));
                assertThat(out.status()).as(out.error()).isEqualTo("Success");
                assertThat(l.route()).as(l.name + " stays on its new replica").isEqualTo(moved);
            } else {
                assertThat(l.loggedIn()).as(l.name + " never noticed").isTrue();
                assertThat(Set.copyOf(l.routesSeen())).containsExactly(firstRoute.get(l));
            }
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------

    /** Finds the learner's AdventureWorks entry and connects to it with the learner's database password. */
    private void connect(Learner l, int index) {
        // pgaw_admin.py puts the entry into the group "Class" (pgAdmin also makes an empty "Servers").
        gid = labels(l.getNodes("/browser/server_group/nodes/")).get("Class");
        sid = labels(l.getNodes("/browser/server/nodes/" + gid + "/")).get("AdventureWorks");
        var r = l.postJson("/browser/server/connect/" + gid + "/" + sid,
                Map.of("password", stack.learners.get(index).dbPassword(), "save_password", false));
        Learner.check(r, 200, l.name + " connects to AdventureWorks");
        did = labels(l.getNodes("/browser/database/nodes/" + gid + "/" + sid + "/")).get("adventureworks");
    }

    private String serverHost(Learner l) {
        JsonNode props = Learner.parse(l.getRaw("/browser/server/obj/" + gid + "/" + sid).body());
        return props.path("host").asText() + ":" + props.path("port").asInt();
    }

    private static Map<String, Integer> labels(JsonNode nodes) {
        Map<String, Integer> m = new LinkedHashMap<>();
        nodes.forEach(n -> m.put(n.path("label").asText(), n.path("_id").asInt()));
        return m;
    }

    private PgAdminReplica replicaOf(Learner l) {
        return stack.replicas.get("abc".indexOf(l.route()));
    }

    private List<List<String>> direct(String sql) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = stack.adventureWorks.getDatabase("postgres", "adventureworks").getConnection();
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) row.add(rs.getString(i));
                rows.add(row);
            }
        }
        return rows;
    }

    private static void report(String how, long growth, QueryTool.Outcome out) {
        String line = String.format("pgaw e2e: cross join 3000 x 3000 %s: %s rows shown, replica RSS +%.1f MiB, "
                + "%.1f s; messages: %s", how, out.rowsAffected(), growth / 1048576.0, out.elapsed().toMillis() / 1000.0,
                out.messages().strip().replace('\n', ' '));
        System.out.println(line);
        try {
            Path f = Path.of("target", "stack-e2e-rss.txt");
            Files.createDirectories(f.getParent());
            Files.writeString(f, line + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            System.err.println("pgaw e2e: cannot write the RSS report: " + e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
