package org.pgaw.proxy.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pgaw.proxy.testing.WireClient;

/**
 * Issue 15 with real processes: a Debian PostgreSQL 15 primary and two streaming standbys, two proxies (forked JVMs
 * running the real command line) with each other as peers, HAProxy in TCP mode in front. One test walks the story in
 * order, because each step changes the layout the next one needs (a standby stops, then a proxy).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ScaleOutProcessTest {
    private static final String SETUP = """
            CREATE ROLE teacher LOGIN;
            CREATE ROLE ann LOGIN; CREATE ROLE bob LOGIN; CREATE ROLE cid LOGIN; CREATE ROLE dan LOGIN;
            CREATE ROLE eve LOGIN; CREATE ROLE fay LOGIN; CREATE ROLE gus LOGIN; CREATE ROLE hal LOGIN;
            CREATE TABLE product(id int PRIMARY KEY, name text);
            INSERT INTO product SELECT g, 'product ' || g FROM generate_series(1, 100) g;
            GRANT SELECT ON product TO PUBLIC;
            """;

    private static ReplicaSet pg;
    private static ClusterProxy proxyA;
    private static ClusterProxy proxyB;
    private static Haproxy lb;
    private static Path secret;
    private static final List<Connection> open = new ArrayList<>();
    private static final ExecutorService reader = Executors.newCachedThreadPool();

    @BeforeAll
    static void startEverything() throws Exception {
        // Like @NeedsPrograms: skipped with one loud line where the programs are missing, failed with CI=true.
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (!ci && !(ReplicaSet.available() && Haproxy.available())) {
            System.err.println("SKIPPED ScaleOutProcessTest: needs Debian's postgresql-15 server binaries ("
                    + ReplicaSet.BIN + ") and /usr/sbin/haproxy; install with: sudo bash .ci/install-proxy-tests.sh");
        }
        if (!ci) {
            assumeThat(ReplicaSet.available()).as("Debian's postgresql-15 server binaries (sudo bash .ci/install-proxy-tests.sh)").isTrue();
            assumeThat(Haproxy.available()).as("haproxy (sudo bash .ci/install-proxy-tests.sh)").isTrue();
        }
        long t0 = System.nanoTime();
        pg = ReplicaSet.start(2, SETUP);
        System.out.printf("primary and two standbys up in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        byte[] key = new byte[48];
        new SecureRandom().nextBytes(key);
        secret = Files.createTempFile("pgaw-cluster", ".key");
        Files.writeString(secret, java.util.Base64.getEncoder().encodeToString(key) + "\n");
        int portA = ReplicaSet.freePort();
        int portB = ReplicaSet.freePort();
        int peerA = ReplicaSet.freePort();
        int peerB = ReplicaSet.freePort();
        long t1 = System.nanoTime();
        proxyA = ClusterProxy.launch(portA, proxyEnv(portA, peerA, peerB));
        proxyB = ClusterProxy.launch(portB, proxyEnv(portB, peerB, peerA));
        proxyA.awaitListening();
        proxyB.awaitListening();
        lb = Haproxy.start(ReplicaSet.freePort(), portA, portB);
        System.out.printf("two proxies and HAProxy up in %d ms%n", (System.nanoTime() - t1) / 1_000_000);
    }

    private static Map<String, String> proxyEnv(int port, int peerListen, int peer) {
        Map<String, String> env = new HashMap<>();
        env.put("PGAW_LISTEN", "127.0.0.1:" + port);
        env.put("PGAW_BACKEND", "127.0.0.1:" + pg.primaryPort());
        env.put("PGAW_BACKEND_STANDBYS_HOSTS", "127.0.0.1:" + pg.standbyPort(1) + ",127.0.0.1:" + pg.standbyPort(2));
        env.put("PGAW_BACKEND_STANDBYS_HEALTH_USER", "postgres");
        env.put("PGAW_BACKEND_STANDBYS_HEALTH_INTERVAL", "300ms");
        env.put("PGAW_CLUSTER_LISTEN", "127.0.0.1:" + peerListen);
        env.put("PGAW_CLUSTER_PEERS", "127.0.0.1:" + peer);
        env.put("PGAW_CLUSTER_SECRET_FILE", secret.toString());
        env.put("PGAW_ADMIN_LISTEN", "off");
        env.put("PGAW_GUARD_EXEMPT_ROLES", "teacher");
        env.put("PGAW_LIMITS_SHUTDOWN_GRACE", "1s");
        env.put("PGAW_LOG_LEVEL", "info");
        return env;
    }

    @AfterAll
    static void stopEverything() throws Exception {
        long t0 = System.nanoTime();
        for (Connection c : open) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // some were ended on purpose
            }
        }
        reader.shutdownNow();
        if (lb != null) lb.close();
        if (proxyA != null) proxyA.close();
        if (proxyB != null) proxyB.close();
        if (pg != null) pg.close();
        if (secret != null) Files.deleteIfExists(secret);
        System.out.printf("everything stopped in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }

    @Test
    void learnersOnStandbysTeacherOnPrimaryCancelsAcrossProxiesAndStoppedPartsHurtNoOneElse() throws Exception {
        int s1 = pg.standbyPort(1);
        int s2 = pg.standbyPort(2);

        // 1. Learners through the load balancer spread over both standbys; the teacher lands on the primary.
        Map<String, Connection> learners = new HashMap<>();
        Set<Integer> learnerPorts = new HashSet<>();
        for (String user : List.of("ann", "bob", "cid", "dan")) {
            Connection c = connect(lb.port, user);
            learners.put(user, c);
            Where w = where(c);
            assertThat(w.inRecovery).as("%s runs on a standby", user).isTrue();
            learnerPorts.add(w.port);
        }
        assertThat(learnerPorts).as("learners' servers").containsExactlyInAnyOrder(s1, s2);
        Where teacher = where(connect(lb.port, "teacher"));
        assertThat(teacher.inRecovery).isFalse();
        assertThat(teacher.port).isEqualTo(pg.primaryPort());
        assertThat(scalar(learners.get("ann"), "SELECT count(*) FROM product")).isEqualTo("100");

        // 2. A session on proxy A, its statement cancelled by a CancelRequest sent to proxy B; a forged key first.
        try (Session sess = wireSession(proxyA.port, "eve")) {
            WireClient w = sess.w();
            Where on = whereWire(w);
            assertThat(on.inRecovery).isTrue();
            w.send(WireClient.query("SELECT pg_sleep(60)"));
            Future<WireClient.Message> reply = reader.submit(() -> nextOf(w, "ECZ"));
            Thread.sleep(300); // the statement is running on the standby
            cancelVia(proxyB.port, sess.pid(), sess.secret() ^ 0x5a5a5a5a);
            cancelVia(proxyB.port, sess.pid() + 1, sess.secret());
            cancelVia(proxyA.port, sess.pid(), sess.secret() + 1);
            assertThatThrownBy(() -> reply.get(2, TimeUnit.SECONDS)).as("forged keys cancel nothing")
                    .isInstanceOf(TimeoutException.class);
            long sent = System.nanoTime();
            cancelVia(proxyB.port, sess.pid(), sess.secret());
            WireClient.Message m = reply.get(10, TimeUnit.SECONDS);
            assertThat(m.tag()).isEqualTo('E');
            assertThat(m.fields().get('C')).as(m.fields().toString()).isEqualTo("57014");
            System.out.printf("cancel through the other proxy took %d ms%n", (System.nanoTime() - sent) / 1_000_000);
            assertThat(w.readUntilReady()).endsWith("Z");
            assertThat(whereWire(w).port).as("the session lives on").isEqualTo(on.port);
            for (int viaPort : new int[] {proxyA.port, proxyB.port}) {
                w.send(WireClient.query("SELECT pg_sleep(60)"));
                Future<WireClient.Message> again = reader.submit(() -> nextOf(w, "ECZ"));
                Thread.sleep(300);
                long t0 = System.nanoTime();
                cancelVia(viaPort, sess.pid(), sess.secret());
                assertThat(again.get(10, TimeUnit.SECONDS).fields().get('C')).isEqualTo("57014");
                System.out.printf("cancel via %s took %d ms%n", viaPort == proxyA.port ? "the owner" : "the peer",
                        (System.nanoTime() - t0) / 1_000_000);
                w.readUntilReady();
            }
        }
        assertThat(proxyB.output()).doesNotContain("Exception");

        // 3. Idle learners on each standby (on proxy A and on proxy B); standby 1 stops: its learners get a FATAL
        //    that says to reconnect, the others go on, and new sessions land on standby 2.
        List<Session> onS1 = new ArrayList<>();
        List<Connection> onS2 = new ArrayList<>();
        for (String user : List.of("fay", "gus", "hal", "fay", "gus", "hal")) {
            for (int proxy : new int[] {proxyA.port, proxyB.port}) {
                Session w = wireSession(proxy, user);
                if (whereWire(w.w()).port == s1) onS1.add(w);
                else w.close();
            }
        }
        for (Connection c : learners.values()) if (where(c).port == s2) onS2.add(c);
        assertThat(onS1).isNotEmpty();
        assertThat(onS2).isNotEmpty();
        pg.stop(1);
        for (Session w : onS1) {
            WireClient.Message fatal = readFatal(w.w());
            assertThat(fatal.fields().get('V')).isEqualTo("FATAL");
            assertThat(fatal.fields().get('C')).isEqualTo("57P01");
            assertThat(fatal.fields().get('M')).contains("database copy");
            assertThat(fatal.fields().get('H')).startsWith("Reconnect");
            w.close();
        }
        for (Connection c : onS2) assertThat(where(c).port).isEqualTo(s2);
        for (String user : List.of("ann", "bob", "cid", "dan", "eve")) {
            assertThat(where(connect(lb.port, user)).port).as("a new session of %s", user).isEqualTo(s2);
        }

        // 4. Proxy A stops: sessions held by proxy B go on, and new sessions through the balancer still work.
        Connection learnerOnB = connect(proxyB.port, "fay");
        Connection teacherOnB = connect(proxyB.port, "teacher");
        proxyA.stop();
        assertThat(where(learnerOnB).port).isEqualTo(s2);
        assertThat(where(teacherOnB).port).isEqualTo(pg.primaryPort());
        for (int i = 0; i < 4; i++) {
            assertThat(where(connect(lb.port, "gus")).port).isEqualTo(s2);
        }
    }

    // ------------------------------------------------------------------ helpers

    private record Where(int port, boolean inRecovery) { }

    private static Connection connect(int port, String user) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("sslmode", "disable");
        p.setProperty("connectTimeout", "10");
        Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", p);
        open.add(c);
        return c;
    }

    private static Where where(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT inet_server_port(), pg_is_in_recovery()")) {
            rs.next();
            return new Where(rs.getInt(1), rs.getBoolean(2));
        }
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** A raw session (trust login) and the cancel key the proxy gave it. */
    private record Session(WireClient w, int pid, int secret) implements AutoCloseable {
        @Override
        public void close() throws java.io.IOException { w.close(); }
    }

    private static Session wireSession(int port, String user) throws Exception {
        WireClient w = new WireClient(new InetSocketAddress("127.0.0.1", port));
        w.send(WireClient.startup(user, "postgres"));
        int pid = 0;
        int secret = 0;
        WireClient.Message m;
        do {
            m = w.read();
            if (m.tag() == 'K') {
                pid = m.intAt(0);
                secret = m.intAt(4);
            }
            if (m.tag() == 'E') throw new AssertionError("login failed: " + m.fields());
        } while (m.tag() != 'Z');
        assertThat(pid).isNotZero();
        return new Session(w, pid, secret);
    }

    private static Where whereWire(WireClient w) throws Exception {
        w.send(WireClient.query("SELECT inet_server_port() || ' ' || pg_is_in_recovery()"));
        String row = null;
        WireClient.Message m;
        do {
            m = w.read();
            if (m.tag() == 'D') row = new String(m.body(), 6, m.intAt(2), java.nio.charset.StandardCharsets.UTF_8);
            if (m.tag() == 'E') throw new AssertionError(m.fields().toString());
        } while (m.tag() != 'Z');
        String[] parts = row.split(" ");
        return new Where(Integer.parseInt(parts[0]), parts[1].equals("true"));
    }

    private static void cancelVia(int port, int pid, int secret) throws Exception {
        try (WireClient c = new WireClient(new InetSocketAddress("127.0.0.1", port))) {
            c.send(WireClient.cancelRequest(pid, secret));
            assertThat(c.closedWithin(5000)).as("the proxy closes a cancel connection").isTrue();
        }
    }

    /** The next ErrorResponse (notices skipped), within 15 s. */
    private static WireClient.Message readFatal(WireClient w) throws Exception {
        return reader.submit(() -> nextOf(w, "E")).get(15, TimeUnit.SECONDS);
    }

    /** The next message with one of these tags (RowDescription, notices... skipped). */
    private static WireClient.Message nextOf(WireClient w, String tags) throws java.io.IOException {
        WireClient.Message m;
        do {
            m = w.read();
        } while (tags.indexOf(m.tag()) < 0);
        return m;
    }
}
