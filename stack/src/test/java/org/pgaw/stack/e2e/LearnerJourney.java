package org.pgaw.stack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The learner's journey from the stack issue, as learners in a browser would make it: through nginx and
 * pgAdmin's HTTP API, all browsers from one client address. The same steps run against the process-based
 * topology (StackEndToEndTest) and the real compose stack (ComposeStackDockerTest).
 *
 * The steps build on each other (logins first, a replica dies last): call them in the order they appear here.
 */
public final class LearnerJourney {
    /** Through the proxy, the replica's memory may grow by less than this for the huge cross join. */
    public static final long RSS_BOUND_BYTES = 64L * 1024 * 1024;
    /** 3000 × 3000 = 9 million rows: big enough to show the point, small enough for the bypass run. */
    public static final String CROSS_JOIN = "SELECT a.i, b.j, 'row ' || a.i || '/' || b.j AS label "
            + "FROM generate_series(1, 3000) a(i) CROSS JOIN generate_series(1, 3000) b(j)";
    public static final long CROSS_JOIN_ROWS = 9_000_000L;
    private static final List<String> ROUTES = List.of("a", "b", "c");

    /** The ids pgAdmin gives a learner's server group, server and database (they differ per pgAdmin user). */
    public record Database(int gid, int sid, int did) { }

    private final ClassStack stack;
    private final List<Learner> learners = new ArrayList<>();
    private final Map<Learner, String> firstRoute = new LinkedHashMap<>();

    public LearnerJourney(ClassStack stack) {
        this.stack = stack;
    }

    public Learner learner(int index) {
        return learners.get(index);
    }

    /** Step 1: six browsers from one address log in; all three replicas serve some; each stays on its own. */
    public void learnersFromOneAddressSpreadOverAllReplicasAndStayThere() {
        int n = stack.learners().size();
        assertThat(n).as("learners in the journey").isEqualTo(6);
        for (int i = 0; i < n; i++) {
            Learner l = stack.browser("learner" + (i + 1));
            var account = stack.learners().get(i);
            l.login(account.email(), account.webPassword());
            learners.add(l);
            firstRoute.put(l, l.route());
        }
        // nginx deals new browsers out round robin (one worker): a, b, c, a, b, c from wherever its rotation
        // stood. Not by IP: all six came from one address, and ip_hash would have put them all on one replica.
        List<String> routes = new ArrayList<>(firstRoute.values());
        assertThat(Set.copyOf(routes.subList(0, 3))).as("first three learners' replicas, in %s", routes)
                .containsExactlyInAnyOrderElementsOf(ROUTES);
        assertThat(routes.subList(3, 6)).as("the rotation goes on").isEqualTo(routes.subList(0, 3));
        for (Learner l : learners) {
            assertThat(l.loggedIn()).as(l.name + " still logged in").isTrue();
            assertThat(Set.copyOf(l.routesSeen())).as(l.name + "'s routes").containsExactly(firstRoute.get(l));
        }
    }

    /** Step 6 of the issue: databases, schemas, tables and columns browse without errors through the proxy. */
    public void theObjectTreeBrowsesAdventureWorksThroughTheProxy() {
        Learner l = learners.get(1);
        theLearnerSeesOnlyTheClassAndNothingCallsOut(l);
        Database db = connect(l, 1);
        JsonNode server = Learner.parse(l.getRaw("/browser/server/obj/" + db.gid() + "/" + db.sid()).body());
        assertThat(server.path("host").asText() + ":" + server.path("port").asInt())
                .as("the learner's server entry is the proxy").isEqualTo(stack.proxyAsPgAdminSeesIt());
        String base = db.gid() + "/" + db.sid() + "/" + db.did() + "/";
        Map<String, Integer> schemas = labels(l.getNodes("/browser/schema/nodes/" + base));
        assertThat(schemas).containsKeys("humanresources", "person", "production", "purchasing", "sales");
        int scid = schemas.get("production");
        Map<String, Integer> tables = labels(l.getNodes("/browser/table/nodes/" + base + scid + "/"));
        assertThat(tables).containsKeys("product", "productcategory", "productsubcategory");
        Map<String, Integer> columns = labels(l.getNodes("/browser/column/nodes/" + base + scid + "/"
                + tables.get("product") + "/"));
        assertThat(columns).containsKeys("productid", "name", "listprice", "productsubcategoryid");
    }

    /** Step 2: a three-schema join shows exactly the rows PostgreSQL gives the superuser directly. */
    public void aPracticeQueryAcrossThreeSchemasReturnsTheRightRows() throws Exception {
        QueryTool qt = queryTool(0);
        QueryTool.Outcome out = qt.run(AdventureWorksFixture.PRACTICE_QUERY, Duration.ofSeconds(60));
        assertThat(out.status()).as(out.error()).isEqualTo("Success");
        List<List<String>> shown = new ArrayList<>();
        out.firstPage().forEach(row -> {
            List<String> cells = new ArrayList<>();
            row.forEach(cell -> cells.add(cell.isNull() ? null : cell.asText()));
            shown.add(cells);
        });
        assertThat(shown).isEqualTo(stack.queryDirect(AdventureWorksFixture.PRACTICE_QUERY)).isNotEmpty();
        qt.close();
    }

    /** Step 3: the huge cross join shows the capped rows and the proxy's notice; the replica stays small. */
    public void aHugeCrossJoinIsCappedWithANoticeAndTheReplicaStaysSmall() {
        String route = learners.get(1).route();
        QueryTool qt = queryTool(1);
        qt.run("SELECT 1", Duration.ofSeconds(30)); // the connection and its first result exist before measuring
        long before = stack.replicaRssBytes(route);
        QueryTool.Outcome out = qt.run(CROSS_JOIN, Duration.ofSeconds(120));
        long growth = stack.replicaRssBytes(route) - before;
        report("through the proxy", growth, out);
        assertThat(out.status()).as(out.error()).isEqualTo("Success");
        assertThat(out.rowsAffected()).as("rows the grid shows").isEqualTo(stack.maxRows());
        assertThat(out.messages()).as("the Messages tab").contains(Integer.toString(stack.maxRows()));
        assertThat(growth).as("RSS growth of replica %s", route).isLessThan(RSS_BOUND_BYTES);
        qt.close();
    }

    /**
     * Step 3b: learners are kept apart. Learner 2 sees that learner 1 has sessions but not their SQL, and can neither
     * cancel nor terminate learner 1's statement (each learner has a database role of their own, and the database
     * decides whose backend a role may signal); the teacher's role has the two privileges that allow both.
     */
    public void learnersCannotSeeOrStopEachOthersStatements() throws Exception {
        String one = stack.learners().get(1).dbRole();
        QueryTool ofOne = queryTool(1);
        QueryTool ofTwo = queryTool(2);
        // Only the role is shown of another role's sessions (query, state, backend_type ... read as hidden).
        String sessionsOfOne = "FROM pg_stat_activity WHERE usename = '" + one + "'";
        long start = System.nanoTime();
        ofOne.start("SELECT pg_sleep(600) AS learner_one_secret");
        sleep(Duration.ofMillis(500));

        QueryTool.Outcome seen = ofTwo.run("SELECT coalesce(query, '<null>') AS q " + sessionsOfOne, Duration.ofSeconds(60));
        assertThat(seen.status()).as(seen.error()).isEqualTo("Success");
        List<String> queries = new ArrayList<>();
        seen.firstPage().forEach(row -> queries.add(row.get(0).asText()));
        assertThat(queries).as("learner 2 sees learner 1's sessions, never their SQL").isNotEmpty()
                .allSatisfy(q -> assertThat(q).isEqualTo("<insufficient privilege>"));

        for (String signal : List.of("pg_cancel_backend", "pg_terminate_backend")) {
            QueryTool.Outcome refused = ofTwo.run("SELECT " + signal + "(pid) " + sessionsOfOne, Duration.ofSeconds(60));
            assertThat(refused.status()).as(signal + " of another learner's backend").isEqualTo("Error");
            assertThat(refused.error()).containsIgnoringCase("permission denied");
        }
        assertThat(stack.queryDirect("SELECT count(*) " + sessionsOfOne
                + " AND state = 'active' AND query LIKE '%learner_one_secret%'"))
                .as("learner 1's statement still runs").isEqualTo(List.of(List.of("1")));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("checked before the proxy's timer could end it")
                .isLessThan(stack.statementTimeout());

        assertThat(stack.queryDirect("SELECT pg_has_role('aw_owner', 'pg_read_all_stats', 'MEMBER'),"
                + " pg_has_role('aw_owner', 'pg_signal_backend', 'MEMBER')"))
                .as("the teacher's role sees every session's SQL and may cancel any learner")
                .isEqualTo(List.of(List.of("t", "t")));
        ofOne.cancel();
        ofOne.await(start, Duration.ofSeconds(60));
        ofOne.close();
        ofTwo.close();
    }

    /** Step 4a: the Stop button cancels `pg_sleep(600)` at once. */
    public void theStopButtonCancelsASleepingQuery() {
        QueryTool qt = queryTool(3);
        long start = System.nanoTime();
        qt.start("SELECT pg_sleep(600)");
        sleep(Duration.ofSeconds(1));
        qt.cancel();
        QueryTool.Outcome out = qt.await(start, Duration.ofSeconds(60));
        assertThat(out.status()).isEqualTo("Error");
        assertThat(out.error()).contains("canceling statement due to user request");
        assertThat(out.elapsed()).isLessThan(stack.statementTimeout());
        qt.close();
    }

    /** Step 4b: without Stop, the proxy's statement timeout ends it. */
    public void withoutStopTheProxysTimeoutEndsIt() {
        QueryTool qt = queryTool(3);
        Duration timeout = stack.statementTimeout();
        QueryTool.Outcome out = qt.run("SELECT pg_sleep(600)", timeout.plusSeconds(60));
        assertThat(out.status()).isEqualTo("Error");
        assertThat(out.error()).containsIgnoringCase("cancel");
        assertThat(out.elapsed()).isBetween(timeout, timeout.plusSeconds(20));
        qt.close();
    }

    /** Step 5: replica a dies; its learners log in again and are served elsewhere; the others never notice. */
    public void whenAReplicaDiesItsLearnersLogInAgainElsewhereAndNobodyElseNotices() {
        stack.killReplica("a");
        for (int i = 0; i < learners.size(); i++) {
            Learner l = learners.get(i);
            var account = stack.learners().get(i);
            if (firstRoute.get(l).equals("a")) {
                assertThat(l.loggedIn()).as(l.name + "'s session died with its replica").isFalse();
                l.login(account.email(), account.webPassword());
                assertThat(l.route()).as(l.name + " moved").isIn("b", "c");
                String moved = l.route();
                assertThat(l.loggedIn()).isTrue();
                QueryTool.Outcome out = queryTool(i).run("SELECT count(*) FROM production.product",
                        Duration.ofSeconds(60));
                assertThat(out.status()).as(out.error()).isEqualTo("Success");
                assertThat(l.route()).as(l.name + " stays on its new replica").isEqualTo(moved);
            } else {
                assertThat(l.loggedIn()).as(l.name + " never noticed").isTrue();
                assertThat(Set.copyOf(l.routesSeen())).containsExactly(firstRoute.get(l));
            }
        }
    }

    /**
     * The teacher's scripts: a learner's role carries the learner role's server-side limits; adding the same
     * learner again changes nothing; removing them removes their role and their pgAdmin login, twice harmlessly.
     */
    public void theTeachersScriptsCopyLimitsSkipExistingLearnersAndRemoveThem() throws Exception {
        var sixth = stack.learners().get(5);
        List<List<String>> learnerLimits = roleSettings("learner");
        assertThat(learnerLimits).as("the learner role's settings").anySatisfy(row ->
                assertThat(row.get(0)).startsWith("statement_timeout="));
        assertThat(roleSettings(sixth.dbRole())).as(sixth.dbRole() + "'s settings").isEqualTo(learnerLimits);

        String again = stack.scripts().addLearners(List.of(sixth.email()),
                Path.of("target", "learners-again-" + System.nanoTime() + ".csv"));
        assertThat(again).contains("skipped " + sixth.email()).contains("nothing to add");

        String removed = stack.scripts().removeLearners(List.of(sixth.email()));
        assertThat(removed).contains("removed role " + sixth.dbRole());
        assertThat(stack.queryDirect("SELECT count(*) FROM pg_roles WHERE rolname = '" + sixth.dbRole() + "'"))
                .isEqualTo(List.of(List.of("0")));
        Learner gone = stack.browser("removed learner");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> gone.login(sixth.email(), sixth.webPassword()))
                .hasMessageContaining("login failed");
        assertThat(stack.scripts().removeLearners(List.of(sixth.email()))).contains("no role " + sixth.dbRole());
    }

    /**
     * Issue 12: the tree holds the one group the learner uses (pgAdmin's own empty "Servers" is gone), and no page
     * makes the learner's browser call gravatar.com (nothing should leave the class server). The user menu's
     * image URL comes from the page /browser/js/utils.js; the main page is checked too.
     */
    private static void theLearnerSeesOnlyTheClassAndNothingCallsOut(Learner l) {
        assertThat(labels(l.getNodes("/browser/server_group/nodes/")).keySet()).as(l.name + "'s server groups")
                .containsExactly("Class");
        for (String page : List.of("/browser/", "/browser/js/utils.js")) {
            var r = l.getRaw(page);
            Learner.check(r, 200, l.name + " loads " + page);
            assertThat(r.body()).as(page).doesNotContainIgnoringCase("gravatar.com");
        }
        assertThat(l.getRaw("/browser/js/utils.js").body()).as("the user menu's image").contains("gravatar: ''");
    }

    private List<List<String>> roleSettings(String role) throws Exception {
        return stack.queryDirect("SELECT s FROM pg_db_role_setting d, unnest(d.setconfig) s "
                + "WHERE d.setrole = '" + role + "'::regrole ORDER BY s");
    }

    /** A new Query Tool tab of learner i on AdventureWorks (connecting first, as the page does). */
    private QueryTool queryTool(int index) {
        Learner l = learners.get(index);
        Database db = connect(l, index);
        return QueryTool.open(l, db.gid(), db.sid(), db.did(), "adventureworks");
    }

    /** Finds the learner's AdventureWorks entry and connects to it with the learner's database password. */
    public Database connect(Learner l, int index) {
        // pgaw_admin.py puts the entry into the group "Class", the only one the learner has.
        int gid = labels(l.getNodes("/browser/server_group/nodes/")).get("Class");
        int sid = labels(l.getNodes("/browser/server/nodes/" + gid + "/")).get("AdventureWorks");
        var r = l.postJson("/browser/server/connect/" + gid + "/" + sid,
                Map.of("password", stack.learners().get(index).dbPassword(), "save_password", false));
        Learner.check(r, 200, l.name + " connects to AdventureWorks");
        int did = labels(l.getNodes("/browser/database/nodes/" + gid + "/" + sid + "/")).get("adventureworks");
        return new Database(gid, sid, did);
    }

    /** A tree listing as label → id. */
    public static Map<String, Integer> labels(JsonNode nodes) {
        Map<String, Integer> m = new LinkedHashMap<>();
        nodes.forEach(n -> m.put(n.path("label").asText(), n.path("_id").asInt()));
        return m;
    }

    /** Prints the measurement and appends it to target/stack-e2e-rss.txt, the source of the README's figure. */
    public void report(String how, long growth, QueryTool.Outcome out) {
        String line = String.format("pgaw e2e (%s): cross join 3000 x 3000 %s: %s rows shown, replica RSS +%.1f MiB, "
                + "%.1f s; messages: %s", stack.flavour(), how, out.rowsAffected(), growth / 1048576.0,
                out.elapsed().toMillis() / 1000.0, out.messages().strip().replace('\n', ' '));
        System.out.println(line);
        try {
            Path f = Path.of("target", "stack-e2e-rss.txt");
            Files.createDirectories(f.getParent());
            Files.writeString(f, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
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
