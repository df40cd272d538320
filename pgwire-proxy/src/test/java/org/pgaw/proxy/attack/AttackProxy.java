package org.pgaw.proxy.attack;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.pgaw.proxy.ProxyServer;
import org.pgaw.proxy.config.AdminConfig;
import org.pgaw.proxy.config.GuardConfig;
import org.pgaw.proxy.config.GuardConfig.BudgetMode;
import org.pgaw.proxy.config.GuardConfig.GuardLimits;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.config.LimitsConfig;
import org.pgaw.proxy.config.ProxyConfig;
import org.pgaw.proxy.testing.TestPostgres;

/**
 * The guarded proxy every attack runs against: one per JVM, in process, plaintext, in front of
 * {@link TestPostgres}. Small limits so that crossing them is cheap: {@link #MAX_ROWS} rows, {@link #BUDGET} bytes,
 * {@link #TIMER} for a statement and for an idle transaction. The teacher ({@link AttackDb#TEACHER}) is exempt.
 *
 * <p>The per-address connection limit is raised out of the way: learners behind pgAdmin arrive from a few
 * addresses, so what must stop one learner hoarding sessions is a per-user limit (tested in IsolationAttackTest).
 * This is the one place that knows how the configuration is built.
 */
public final class AttackProxy {
    public static final int MAX_ROWS = 100;
    public static final long BUDGET = 1024 * 1024;
    public static final Duration TIMER = Duration.ofSeconds(2);
    public static final Duration IDLE = Duration.ofSeconds(2);
    /** What a guard may add to a result on top of the budget: its own notice, a CommandComplete. */
    public static final int BYTE_SLACK = 4 * 1024;
    /** How late a timer may act (loaded CI machine). */
    public static final Duration TIME_SLACK = Duration.ofMillis(2000);

    private static ProxyServer server;

    private AttackProxy() { }

    public static synchronized InetSocketAddress address() {
        if (server == null) {
            AttackDb.ensure();
            server = ProxyServer.start(config());
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return server.address();
    }

    static ProxyConfig config() {
        GuardLimits limits = new GuardLimits(MAX_ROWS, BUDGET, BudgetMode.TRUNCATE, TIMER, IDLE, Duration.ZERO);
        LimitsConfig d = LimitsConfig.defaults();
        LimitsConfig connections = new LimitsConfig(d.maxConnections(), 1000, d.startupTimeout(),
                d.maxFrontendMessage(), d.backendConnectTimeout(), Duration.ofSeconds(1), d.writeBufferLow(),
                d.writeBufferHigh());
        return ProxyConfig.defaults()
                .withListen(new HostPort("127.0.0.1", 0))
                .withBackend(TestPostgres.address())
                .withTls(null)
                .withAdmin(new AdminConfig(null))
                // One learner plays attacker and victim here: fair share between one learner's sessions (FairShareTest)
                // would make the victim wait for the attacker, which is not what these tests measure.
                .withLimits(connections.withMaxRunningStatementsPerUser(0))
                .withGuard(new GuardConfig(true, limits, List.of(), List.of(AttackDb.TEACHER)));
    }
}
