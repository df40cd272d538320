package org.pgaw.stack.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.net.ssl.SSLContext;
import org.pgaw.proxy.config.GuardConfig;
import org.pgaw.stack.e2e.ClassStack;
import org.pgaw.stack.support.FreePorts;
import org.pgaw.stack.support.TrustOnly;
import org.pgaw.stack.e2e.Learner;
import org.pgaw.stack.e2e.OperatorScripts;
import org.pgaw.stack.e2e.PgAdminSetup;
import org.pgaw.stack.e2e.StackTopology;
import org.pgaw.stack.e2e.Tools;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.ContainerState;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The real stack/compose.yaml under Docker, set up the way a teacher does it: generated secrets, the stack
 * built and started, learners added with stack/learners-add.sh. Only what a test must change is changed, and
 * only through the file's own variables: free host ports instead of 80/443/5432, the secrets in a temporary
 * folder instead of stack/secrets/ (a real installation's are never touched), no domain (the self-signed
 * placeholder for localhost).
 */
final class DockerClassStack implements ClassStack {
    static final String ADMIN_EMAIL = "teacher@class.example";
    private static final List<String> SECRETS = List.of("settings_db_password", "pgadmin_admin_password",
            "adventureworks_admin_password", "adventureworks_owner_password", "adventureworks_learner_password");
    private static final List<String> SERVICES_TO_LOG = List.of("proxy", "nginx", "pgadmin-setup", "pgadmin1",
            "pgadmin2", "pgadmin3", "adventureworks");

    private final Path work;
    private final Map<String, String> variables = new LinkedHashMap<>();
    private final int httpsPort;
    private ComposeContainer compose;
    private String project;
    private SSLContext trust;
    private List<PgAdminSetup.LearnerAccount> learners;
    private OperatorScripts scripts;

    private DockerClassStack(Path work) {
        this.work = work;
        this.httpsPort = FreePorts.next();
    }

    static DockerClassStack start(int learnerCount) throws Exception {
        Path work = Files.createTempDirectory("pgaw-compose-test-");
        DockerClassStack s = new DockerClassStack(work);
        try {
            s.up(learnerCount);
            return s;
        } catch (Exception | Error e) {
            s.close();
            throw e;
        }
    }

    private void up(int learnerCount) throws Exception {
        Path secrets = Files.createDirectories(work.resolve("secrets"));
        for (String name : SECRETS) {
            Path f = Files.writeString(secrets.resolve(name), StackTopology.randomWord(24) + "\n");
            // As stack/up.sh leaves them: the containers read their secrets as their own non-root users.
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        }
        // Set in the environment, these win over a stack/.env a real installation may have beside the file.
        variables.put("PGAW_ADMIN_EMAIL", ADMIN_EMAIL);
        variables.put("PGAW_DOMAIN", "");
        variables.put("PGAW_ACME_EMAIL", "");
        variables.put("PGAW_SECRETS_DIR", secrets.toAbsolutePath().toString());
        // Published on loopback only: the test's stack is not for the network the machine sits in.
        variables.put("PGAW_HTTP_PORT", "127.0.0.1:" + FreePorts.next());
        variables.put("PGAW_HTTPS_PORT", "127.0.0.1:" + httpsPort);
        variables.put("PGAW_PSQL_PORT", "127.0.0.1:" + FreePorts.next());

        Path logs = Files.createDirectories(Path.of("target", "compose-stack-logs"));
        compose = new ComposeContainer("pgawtest", Tools.repo().resolve("stack/compose.yaml").toFile())
                .withLocalCompose(true)
                .withBuild(true)
                .withPull(false) // compose pulls what is missing itself; Testcontainers' own pre-pull misreads ${...}
                .withEnv(variables)
                .withStartupTimeout(Duration.ofMinutes(20));
        // `up -d` returns when the containers started, not when they are healthy; each wait gets its own
        // generous timeout (a health check's default is one minute, and pgAdmin's start period alone is one).
        for (String service : List.of("proxy", "nginx", "pgadmin1", "pgadmin2", "pgadmin3")) {
            compose.waitingFor(service, Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(10)));
        }
        for (String service : SERVICES_TO_LOG) {
            Path file = logs.resolve(service + ".log");
            Files.deleteIfExists(file);
            compose.withLogConsumer(service, frame -> append(file, frame.getUtf8String()));
        }
        long t0 = System.nanoTime();
        compose.start();
        System.out.printf("pgaw compose test: stack built and healthy in %.0f s%n", (System.nanoTime() - t0) / 1e9);

        project = service("nginx").getContainerInfo().getConfig().getLabels().get("com.docker.compose.project");
        trust = TrustOnly.certificate(exec("nginx", "cat", "/etc/pgaw/tls/fullchain.pem"));
        learners = addLearners(learnerCount);
    }

    /** stack/learners-add.sh, the teacher's own tool, on this compose project; the accounts come from its CSV. */
    private List<PgAdminSetup.LearnerAccount> addLearners(int count) throws Exception {
        Map<String, String> env = new LinkedHashMap<>(variables);
        env.put("COMPOSE_PROJECT_NAME", project); // wins over the file's `name: pgaw`, as for Testcontainers' calls
        scripts = OperatorScripts.docker(env, work);
        return scripts.addNewLearners(IntStream.rangeClosed(1, count)
                .mapToObj(i -> "learner" + i + "@class.example").toList());
    }

    @Override
    public OperatorScripts scripts() {
        return scripts;
    }

    @Override
    public Learner browser(String name) {
        return new Learner(name, "localhost", httpsPort, trust);
    }

    @Override
    public List<PgAdminSetup.LearnerAccount> learners() {
        return learners;
    }

    /** All processes of the replica's container (gunicorn's master and its one worker), VmRSS summed. */
    @Override
    public long replicaRssBytes(String route) {
        String status = exec(replicaService(route), "sh", "-c", "cat /proc/[0-9]*/status 2>/dev/null");
        long kb = 0;
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) kb += Long.parseLong(line.replaceAll("\\D", ""));
        }
        if (kb == 0) throw new IllegalStateException("no VmRSS read in " + replicaService(route));
        return kb * 1024;
    }

    /** Stopped, not killed: a killed container would come back under `restart: unless-stopped`. */
    @Override
    public void killReplica(String route) {
        DockerClientFactory.instance().client().stopContainerCmd(service(replicaService(route)).getContainerId())
                .withTimeout(0).exec();
    }

    @Override
    public List<List<String>> queryDirect(String sql) {
        // Unit and record separators cannot occur in the practice data; NULL gets its own marker.
        String out = exec("adventureworks", "psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-F", "\u001f",
                "-P", "null=\u001e", "-U", "postgres", "-d", "adventureworks", "-c", sql);
        List<List<String>> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isEmpty()) continue;
            List<String> row = new ArrayList<>();
            for (String cell : line.split("\u001f", -1)) row.add(cell.equals("\u001e") ? null : cell);
            rows.add(row);
        }
        return rows;
    }

    @Override
    public String proxyAsPgAdminSeesIt() {
        return "proxy:5432"; // compose.yaml: PGAW_SQL_HOST / PGAW_SQL_PORT of the pgAdmin services
    }

    /** compose.yaml leaves the guards at the proxy's defaults. */
    @Override
    public int maxRows() {
        return GuardConfig.GuardLimits.defaults().maxRows();
    }

    @Override
    public Duration statementTimeout() {
        return GuardConfig.GuardLimits.defaults().statementTimeout();
    }

    @Override
    public String flavour() {
        return "docker";
    }

    private static String replicaService(String route) {
        return "pgadmin" + ("abc".indexOf(route) + 1);
    }

    private ContainerState service(String name) {
        return compose.getContainerByServiceName(name)
                .orElseThrow(() -> new IllegalStateException("no container for the service " + name));
    }

    private String exec(String service, String... command) {
        try {
            Container.ExecResult r = service(service).execInContainer(command);
            if (r.getExitCode() != 0) {
                throw new IllegalStateException(service + ": " + command[0] + " exited with " + r.getExitCode()
                        + ": " + r.getStderr());
            }
            return r.getStdout();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("pgaw compose test: cannot write " + file + ": " + e);
        }
    }

    @Override
    public void close() {
        if (compose != null) {
            try {
                compose.stop(); // docker compose down -v: containers, networks and the test's volumes
            } catch (RuntimeException e) {
                System.err.println("pgaw compose test: stopping the stack: " + e);
            }
        }
        try (var walk = Files.walk(work)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("pgaw compose test: cannot delete " + work + ": " + e);
        }
    }
}
