package org.pgaw.stack.e2e;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.IntStream;
import javax.net.ssl.SSLContext;
import org.pgaw.db.RoleConfig;
import org.pgaw.proxy.ProxyServer;
import org.pgaw.proxy.config.AdminConfig;
import org.pgaw.proxy.config.GuardConfig;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.config.ProxyConfig;
import org.pgaw.proxy.config.ServerTlsConfig;
import org.pgaw.stack.support.TrustOnly;

/**
 * compose.yaml's topology as processes on loopback:
 * nginx → pgAdmin ×3 (gunicorn, one worker each) → pgwire-proxy → AdventureWorks, plus the shared settings
 * PostgreSQL. Every piece is the real program; the configuration files are the repository's own.
 */
public final class StackTopology implements ClassStack {
    /** Long enough that the Stop step (1 s, then pgAdmin's cancel) never races it on a loaded 2-core machine. */
    public static final Duration PROXY_STATEMENT_TIMEOUT = Duration.ofSeconds(10);
    public static final int PROXY_MAX_ROWS = 1000;
    public static final String ADMIN_EMAIL = "teacher@class.example";
    /** Characters that break a URI unless encoded: proves config_system.py encodes the secret. */
    private static final String SETTINGS_PASSWORD_PREFIX = "p@ss:/w%rd#?&";

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    public final Path work;
    public EmbeddedPostgres settingsDb;
    public EmbeddedPostgres adventureWorks;
    /** The proxy when it runs inside this JVM (the end-to-end test); null when it runs as its own process. */
    public ProxyServer proxy;
    private int proxyPort;
    public final List<PgAdminReplica> replicas = new ArrayList<>();
    public NginxUnderTest nginx;
    public SSLContext trust;
    public List<PgAdminSetup.LearnerAccount> learners;
    /** learners-add.sh and learners-remove.sh on this topology. */
    public OperatorScripts scripts;

    private StackTopology(Path work) {
        this.work = work;
    }

    /**
     * Starts the proxy in front of AdventureWorks (PostgreSQL at backendPort); the stack closes what it returns.
     * The end-to-end test runs it inside the test's JVM; the class load harness as its own process.
     */
    public interface ProxyStarter {
        StartedProxy start(int backendPort, Path work) throws Exception;
    }

    /** A running proxy: the port the learners' pgAdmin entry and psql connect to. */
    public interface StartedProxy extends AutoCloseable {
        int port();
    }

    /** The shape of the class: learner accounts, AdventureWorks' max_connections, how the proxy runs. */
    public record Options(int learnerCount, int maxConnections, ProxyStarter proxy) { }

    public static StackTopology start(int learnerCount) throws Exception {
        return start(new Options(learnerCount, 100, null));
    }

    public static StackTopology start(Options options) throws Exception {
        Path work = Files.createTempDirectory("pgaw-stack-e2e-");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        StackTopology t = new StackTopology(work);
        try {
            t.startAll(options);
            return t;
        } catch (Exception | Error e) {
            t.close();
            throw e;
        }
    }

    private void startAll(Options options) throws Exception {
        int learnerCount = options.learnerCount();
        Path secrets = Files.createDirectories(work.resolve("secrets"));
        String settingsPassword = SETTINGS_PASSWORD_PREFIX + randomWord(16);
        Files.writeString(secrets.resolve("settings_db_password"), settingsPassword + "\n");
        Files.writeString(secrets.resolve("pgadmin_admin_password"), randomWord(20) + "\n");

        settingsDb = EmbeddedPostgres.builder().start();
        started.push(settingsDb);
        prepareSettingsDb(settingsPassword);

        adventureWorks = EmbeddedPostgres.builder().setServerConfig("max_connections",
                Integer.toString(options.maxConnections())).start();
        started.push(adventureWorks);
        try (Connection c = adventureWorks.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE adventureworks");
        }
        AdventureWorksFixture.load(adventureWorks.getDatabase("postgres", "adventureworks"), randomWord(20),
                randomWord(20));
        createTeacherRole();

        if (options.proxy() != null) {
            StartedProxy external = options.proxy().start(adventureWorks.getPort(), work);
            started.push(external);
            proxyPort = external.port();
        } else {
            proxyPort = startProxyInProcess();
        }
        String sslMode = "require";

        // The learners' server entry points at the proxy with TLS required, as in compose.yaml.
        PgAdminEnv env = new PgAdminEnv(secrets, settingsDb.getPort(), "127.0.0.1", proxyPort,
                sslMode, ADMIN_EMAIL);
        long t0 = System.nanoTime();
        PgAdminSetup.init(env, work);
        // The learners come from the teacher's own script, as in the compose stack.
        scripts = OperatorScripts.local(env, work, adventureWorks.getPort());
        learners = scripts.addNewLearners(IntStream.rangeClosed(1, learnerCount)
                .mapToObj(i -> "learner" + i + "@class.example").toList());
        System.out.printf("pgaw e2e: pgAdmin settings database initialised in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        for (String name : List.of("pgadmin1", "pgadmin2", "pgadmin3")) {
            PgAdminReplica r = PgAdminReplica.start(name, env, work);
            started.push(r);
            replicas.add(r);
        }
        for (PgAdminReplica r : replicas) r.awaitHealthy(Duration.ofSeconds(180));
        System.out.printf("pgaw e2e: three pgAdmin replicas healthy in %.1f s%n", (System.nanoTime() - t0) / 1e9);

        LocalhostCertificate tls = LocalhostCertificate.create(work);
        trust = TrustOnly.certificate(Files.readString(tls.cert()));
        nginx = NginxUnderTest.start(work.resolve("nginx"), tls.cert(), tls.key(),
                replicas.stream().map(PgAdminReplica::port).toList());
        started.push(nginx);
    }

    private int startProxyInProcess() {
        ProxyConfig proxyConfig = ProxyConfig.defaults()
                .withListen(new HostPort("127.0.0.1", 0))
                .withBackend(new HostPort("127.0.0.1", adventureWorks.getPort()))
                .withTls(ServerTlsConfig.defaults())
                .withAdmin(new AdminConfig(null))
                .withGuard(new GuardConfig(true, new GuardConfig.GuardLimits(PROXY_MAX_ROWS, 64L * 1024 * 1024,
                        GuardConfig.BudgetMode.TRUNCATE, PROXY_STATEMENT_TIMEOUT, Duration.ofMinutes(5),
                        Duration.ZERO), List.of(), List.of(RoleConfig.DEFAULT_OWNER)));
        proxy = ProxyServer.start(proxyConfig);
        started.push(proxy);
        return proxy.address().getPort();
    }

    /** The settings database: its own role, and password authentication (not trust) for it. */
    private void prepareSettingsDb(String password) throws Exception {
        try (Connection c = settingsDb.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            s.execute("CREATE ROLE pgadmin LOGIN PASSWORD '" + password.replace("'", "''") + "'");
            s.execute("CREATE DATABASE pgadmin OWNER pgadmin");
            var rs = s.executeQuery("SHOW hba_file");
            rs.next();
            Path hba = Path.of(rs.getString(1));
            Files.writeString(hba, "host all pgadmin 127.0.0.1/32 scram-sha-256\n" + Files.readString(hba));
            s.execute("SELECT pg_reload_conf()");
        }
    }

    private void createTeacherRole() throws Exception {
        try (Connection c = adventureWorks.getDatabase("postgres", "adventureworks").getConnection();
             Statement s = c.createStatement()) {
            s.execute("CREATE ROLE teacher LOGIN SUPERUSER");
        }
    }

    @Override
    public Learner browser(String name) {
        return new Learner(name, "localhost", nginx.httpsPort(), trust);
    }

    @Override
    public List<PgAdminSetup.LearnerAccount> learners() {
        return learners;
    }

    @Override
    public long replicaRssBytes(String route) {
        return replica(route).workerRssBytes();
    }

    @Override
    public void killReplica(String route) {
        replica(route).kill();
    }

    private PgAdminReplica replica(String route) {
        return replicas.get("abc".indexOf(route));
    }

    @Override
    public List<List<String>> queryDirect(String sql) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = adventureWorks.getDatabase("postgres", "adventureworks").getConnection();
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

    @Override
    public OperatorScripts scripts() {
        return scripts;
    }

    @Override
    public String proxyAsPgAdminSeesIt() {
        return "127.0.0.1:" + proxyPort;
    }

    @Override
    public int maxRows() {
        return PROXY_MAX_ROWS;
    }

    @Override
    public Duration statementTimeout() {
        return PROXY_STATEMENT_TIMEOUT;
    }

    @Override
    public String flavour() {
        return "processes";
    }

    /** n characters without look-alikes (0/O, 1/l/I): safe in URLs, CSV, SQL literals and shell words. */
    public static String randomWord(int n) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        return sb.toString();
    }

    /** Logs of every replica: printed when a step fails, so the reason is in the test report. */
    public String replicaLogs() {
        StringBuilder sb = new StringBuilder();
        for (PgAdminReplica r : replicas) sb.append("--- ").append(r.name()).append('\n').append(r.logTail());
        return sb.toString();
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("pgaw e2e: stopping: " + e);
            }
        }
        try (var walk = Files.walk(work)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("pgaw e2e: cannot delete " + work + ": " + e);
        }
    }
}
