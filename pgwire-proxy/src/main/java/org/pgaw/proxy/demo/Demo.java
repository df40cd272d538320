package org.pgaw.proxy.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;
import org.pgaw.db.LoadStatus;
import org.pgaw.db.RoleConfig;
import org.pgaw.proxy.ProxyServer;
import org.pgaw.proxy.StartFailure;
import org.pgaw.proxy.config.AdminConfig;
import org.pgaw.proxy.config.ConsoleConfig;
import org.pgaw.proxy.config.EffectiveConfig;
import org.pgaw.proxy.config.GuardConfig;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.config.ProxyConfig;
import org.pgaw.proxy.config.ServerTlsConfig;
import org.pgaw.proxy.config.Setting;
import org.pgaw.proxy.config.Settings;
import org.pgaw.proxy.config.Sources;

/**
 * pgaw's main job in one process: embedded PostgreSQL with AdventureWorks, and the guarding proxy in front
 * of it with TLS (self-signed when no certificate is given). {@link #close()} stops the proxy, then PostgreSQL.
 */
public final class Demo implements AutoCloseable {
    /**
     * What the demo needs to start; {@code data} null means the files the jar carries, completed by a download when possible.
     *
     * @param limits   the guards' limits for the learner (a teacher tries them with the demo's flags)
     * @param learners how many learners get a role of their own (1: the one learner role)
     */
    public record Options(HostPort listen, Path data, Path workdir, boolean strict, GuardConfig.GuardLimits limits,
                          int learners) {
        /** Default limits, one learner. */
        public Options(HostPort listen, Path data, Path workdir, boolean strict) {
            this(listen, data, workdir, strict, GuardConfig.GuardLimits.defaults(), 1);
        }
    }

    /** The settings the demo takes from its command line; the others are fixed (TLS on, no admin endpoint). */
    private static final Sources OWN_FLAGS = Sources.flags(List.of("listen"));

    private final DemoDatabase db;
    private final ProxyServer proxy;
    private final RoleConfig roles;
    private final List<DemoLearners.Learner> learners;
    private final String status;
    private final Path ownerSecret;
    private final ProxyConfig config;
    /** The console password's file in the work directory's secrets. */
    static final String CONSOLE_SECRET = "teacher-console";

    private Demo(DemoDatabase db, ProxyServer proxy, RoleConfig roles, List<DemoLearners.Learner> learners,
                 String status, Path ownerSecret, ProxyConfig config) {
        this.config = config;
        this.db = db;
        this.proxy = proxy;
        this.roles = roles;
        this.learners = learners;
        this.status = status;
        this.ownerSecret = ownerSecret;
    }

    public static Demo start(Options o, PrintStream out, PrintStream err) throws DemoException {
        quietEmbeddedPostgresLogs();
        checkPortFree(o.listen());
        DemoWorkdir dir = new DemoWorkdir(o.workdir());
        dir.create();
        RoleConfig roles = RoleConfig.withPasswords(dir.password("owner", 24), dir.password("learner", 12));
        DemoDatabase db = DemoDatabase.start(dir);
        try {
            String status = db.ensureLoaded(o.data(), o.strict(), roles, out, err);
            if (o.strict() && !LoadStatus.isComplete(status)) {
                throw new DemoException("Strict mode: the database in " + dir.pgData() + " is incomplete (" + status
                        + "). Delete " + o.workdir() + " and start again with all upstream files.");
            }
            List<DemoLearners.Learner> learners;
            try (java.sql.Connection c = db.connect(DemoDatabase.DATABASE)) {
                learners = DemoLearners.ensure(c, roles, o.learners(), role -> dir.password(role, 12));
            } catch (java.sql.SQLException e) {
                throw new DemoException("Creating the learner roles failed: " + e.getMessage(), e);
            }
            ProxyConfig config = ProxyConfig.defaults()
                    .withListen(o.listen())
                    .withBackend(new HostPort("127.0.0.1", db.port()))
                    .withTls(new ServerTlsConfig(null, null, true, Duration.ofSeconds(10), "localhost"))
                    .withAdmin(new AdminConfig(null)) // no metrics endpoint for a one-person demo (and no port clash)
                    .withConsole(consoleFor(o.listen(), dir))
                    .withGuard(new GuardConfig(true, o.limits(), List.of(), List.of(roles.owner())));
            ProxyServer proxy;
            try {
                proxy = ProxyServer.start(config);
            } catch (StartFailure e) { // the port was taken since the check above, or the like
                throw new DemoException(e.explain(OWN_FLAGS), e);
            } catch (RuntimeException e) {
                throw new DemoException("The proxy did not start: " + (e.getMessage() != null ? e.getMessage()
                        : "unexpected " + e.getClass().getSimpleName()), e);
            }
            return new Demo(db, proxy, roles, learners, status,
                    dir.secretFile("owner").toAbsolutePath().normalize(), config);
        } catch (DemoException | RuntimeException e) {
            closeQuietly(db);
            throw e;
        }
    }

    /**
     * The teacher's console on loopback, next to the learners' port when that one is free (else any free port; the
     * address is printed), its password a generated secret in the work directory like the others.
     */
    private static ConsoleConfig consoleFor(HostPort listen, DemoWorkdir dir) throws DemoException {
        dir.password(CONSOLE_SECRET, 20);
        int port = listen.port() == 0 || listen.port() == 65535 ? 0 : listen.port() + 1;
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            port = 0;
        }
        return new ConsoleConfig(new HostPort("127.0.0.1", port), dir.secretFile(CONSOLE_SECRET).toAbsolutePath().normalize(),
                ConsoleConfig.DEFAULT_HISTORY);
    }

    /** Where the teacher's console is and where its password is kept. */
    String consoleLine() {
        InetSocketAddress c = proxy.consoleAddress();
        if (c == null) return "Teacher's console: off";
        return "Teacher's console (the class live; cancel or end a learner's statement): http://localhost:" + c.getPort()
                + "/teacher/  password in " + config.console().passwordFile();
    }

    /** zonky logs every line PostgreSQL prints at INFO; the person running the demo needs only problems. */
    private static void quietEmbeddedPostgresLogs() {
        if (org.slf4j.LoggerFactory.getLogger("io.zonky") instanceof ch.qos.logback.classic.Logger l) {
            l.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    /** Before PostgreSQL starts (which takes a while), so that a taken port is reported at once. */
    private static void checkPortFree(HostPort listen) throws DemoException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(listen.host()), listen.port()));
        } catch (UnknownHostException e) {
            throw new DemoException(StartFailure.unknownHost("listen", listen, e).explain(OWN_FLAGS), e);
        } catch (IOException e) {
            throw new DemoException(StartFailure.cannotListen("listen", listen, e).explain(OWN_FLAGS), e);
        }
    }

    public InetSocketAddress address() {
        return proxy.address();
    }

    public RoleConfig roles() {
        return roles;
    }

    public String status() {
        return status;
    }

    /** Each learner's role and password: one, or learner1..learnerN with --learners N. */
    public List<String[]> learners() {
        List<String[]> out = new java.util.ArrayList<>();
        for (DemoLearners.Learner l : learners) out.add(new String[] {l.role(), l.password()});
        return out;
    }

    /** How to connect, for a person: psql line, password, pgAdmin settings, and the database's completeness. */
    public String instructions() {
        if (learners.size() > 1) return DemoLearnersText.instructions(this, learners, status);
        String host = address().getHostString();
        int port = address().getPort();
        return String.join("\n",
                "",
                "pgaw demo is running: AdventureWorks behind the guarding proxy (TLS required).",
                status,
                "",
                "Connect with psql:",
                "  psql \"host=" + host + " port=" + port + " dbname=" + DemoDatabase.DATABASE + " user=" + roles.learner()
                        + " sslmode=require\"",
                "  password: " + roles.learnerPassword(),
                "",
                "pgAdmin (Register > Server):",
                "  General/Name: pgaw demo",
                "  Connection/Host: " + host + "   Port: " + port + "   Maintenance database: " + DemoDatabase.DATABASE,
                "  Connection/Username: " + roles.learner() + "   Password: " + roles.learnerPassword(),
                "  Parameters/SSL mode: require (the demo's certificate is self-signed)",
                "",
                "Learner limits: " + limitsInEffect() + " (change them with these options; see demo --help)",
                "",
                "Teacher role (no guards): " + roles.owner() + ", password in " + ownerSecret,
                consoleLine(),
                "Try: " + org.pgaw.db.DemoQueries.THREE_SCHEMA_JOIN.replace("\n", " "),
                "Press Ctrl-C to stop.",
                "");
    }

    /** The guard limits as the demo's options that set them: "--max-rows 1000 --statement-timeout 30s ...". */
    private String limitsInEffect() {
        EffectiveConfig shown = new EffectiveConfig(config, "info");
        StringJoiner out = new StringJoiner(" ");
        for (Setting s : Settings.guardLimits()) out.add(DemoCommand.shortFlag(s) + " " + s.textIn(shown));
        return out.toString();
    }

    @Override
    public void close() {
        proxy.close();
        closeQuietly(db);
    }

    private static void closeQuietly(DemoDatabase db) {
        try {
            db.close();
        } catch (IOException | RuntimeException ignored) {
            // stopping PostgreSQL is best effort at shutdown; its data stays consistent (fast shutdown)
        }
    }
}
