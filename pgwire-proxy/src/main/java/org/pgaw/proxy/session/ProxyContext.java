package org.pgaw.proxy.session;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.pgaw.proxy.codec.BackendMessageBounds;
import org.pgaw.proxy.codec.FrameLimits;
import org.pgaw.proxy.config.ProxyConfig;
import org.pgaw.proxy.guard.GuardPolicyResolver;
import org.pgaw.proxy.guard.gate.GatePolicies;
import org.pgaw.proxy.guard.LimitRewriter;
import org.pgaw.proxy.ops.ProxyMetrics;
import org.pgaw.proxy.tls.BackendTls;
import org.pgaw.proxy.tls.ServerTls;

/** What every session of one running proxy shares. */
public final class ProxyContext {
    /** Messages the proxy reads whole from the backend: all small by PostgreSQL's construction. */
    private static final boolean[] BACKEND_INSPECTED = FrameLimits.tags('R', 'K', 'Z', 'C', 'E', 'I', 's', 'T', 'G', 'H', 'W', 'S', 'v');
    /**
     * Client messages a guarded session reads whole and one by one: Query and Parse (rewritten), and Bind, Execute,
     * Sync and Close, which the guards count per message (two Executes in one run would otherwise count as one, and
     * the second portal's rows would escape the cap). Bounded by the largest client message.
     */
    private static final boolean[] FRONTEND_INSPECTED = FrameLimits.tags('Q', 'P', 'X', 'B', 'E', 'S', 'C');
    /**
     * Without guards, once ready for queries, the session needs only where a reply ends (ReadyForQuery) and whether
     * the client said Terminate; Authentication and BackendKeyData never come then, but if they did they stay whole.
     */
    private static final boolean[] BACKEND_RELAY_ALONE = FrameLimits.tags('R', 'K');
    private static final boolean[] BACKEND_RELAY_ENDS = FrameLimits.tags('Z');
    private static final boolean[] FRONTEND_RELAY_ALONE = FrameLimits.tags();
    private static final boolean[] FRONTEND_RELAY_ENDS = FrameLimits.tags('X');
    private static final long BACKEND_MAX_MESSAGE = (1L << 30) + (1L << 20); // a 1 GB field plus its row framing
    private static final int BUFFER_WHOLE = 64 * 1024;
    /**
     * Inspected messages are held whole. All are small by construction but ErrorResponse, which quotes the value
     * that failed ({@code SELECT repeat('x', 3000000)::int} is a 3 MB error; libpq takes any length): bound it like
     * the largest client message by default, not like a RowDescription.
     */
    private static final int BACKEND_MAX_INSPECTED = 64 << 20;
    /**
     * An ErrorResponse longer than this is cut to its first bytes while it arrives (held whole, six unread 40 MB
     * errors held 252 MiB): the learner reads the start of the message, severity and SQLSTATE stay.
     */
    private static final int ERROR_KEEP = 1 << 20;

    final ProxyConfig config;
    final ServerTls serverTls;
    final BackendTls backendTls;
    final ProxyMetrics metrics;
    final ConnectionLimiter limiter;
    final CancelRegistry cancels = new CancelRegistry();
    /** Statements each learner has running at once, over all their guarded sessions (fair share of the CPU). */
    final RunningStatements running;
    /** The class's places for long statements (fair share of the CPU between learners). */
    final LongStatements longs;
    final CancelForwarder cancelForwarder;
    /** Standbys and peer proxies; with neither configured, everything goes to backend as before. */
    final org.pgaw.proxy.cluster.ClusterServices cluster;
    final Transport transport;
    final FrameLimits frontendLimits;
    final FrameLimits backendLimits;
    final FrameLimits frontendRelayLimits;
    final FrameLimits backendRelayLimits;
    /** Until the backend says AuthenticationOk: only authentication replies, of PostgreSQL's own sizes. */
    final FrameLimits authenticationLimits = FrameLimits.authentication();
    /** Connections per address that have not finished authentication (only its per-address count is used). */
    final ConnectionLimiter unauthenticated;
    final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    /** One rewriter (and so one decision cache) for all sessions. */
    final LimitRewriter rewriter = new LimitRewriter();
    /** Built at start: a policy with a negative limit stops the proxy before it accepts anyone. */
    final GuardPolicyResolver policies;
    /** Which statements each guarded session may run (guard.allow, per policy); built at start like the limits. */
    final GatePolicies gates;
    volatile boolean shuttingDown;
    /** Guard actions and per-learner counts for the teacher's console (bounded; written only when a guard acts). */
    final org.pgaw.proxy.ops.GuardEvents events;

    public ProxyContext(ProxyConfig config, ServerTls serverTls, BackendTls backendTls, ProxyMetrics metrics,
                        Transport transport) {
        this.config = config;
        this.serverTls = serverTls;
        this.backendTls = backendTls;
        this.metrics = metrics;
        this.transport = transport;
        this.events = new org.pgaw.proxy.ops.GuardEvents(config.console().history());
        this.policies = new GuardPolicyResolver(config.guard());
        this.gates = new GatePolicies(config.guard());
        this.limiter = new ConnectionLimiter(config.limits().maxConnections(), config.limits().maxConnectionsPerIp(),
                config.limits().maxSessionsPerUser());
        this.running = new RunningStatements(config.limits().maxRunningStatementsPerUser());
        this.longs = new LongStatements(config.limits().maxLongStatements(), config.limits().longStatementAfter());
        this.cancelForwarder = new CancelForwarder(transport, config.backend(),
                (int) config.limits().backendConnectTimeout().toMillis(), metrics);
        this.cluster = new org.pgaw.proxy.cluster.ClusterServices(config, transport.socketChannel(), metrics);
        int maxFrontend = config.limits().maxFrontendMessage();
        this.unauthenticated = new ConnectionLimiter(Integer.MAX_VALUE, config.limits().maxUnauthenticatedPerIp());
        this.frontendLimits = new FrameLimits(maxFrontend, BUFFER_WHOLE, FRONTEND_INSPECTED, maxFrontend)
                .withMaxStatement(config.limits().maxStatementBytes())
                .withTagBounds(org.pgaw.proxy.codec.GuardedFrontendBounds.totals());
        this.backendLimits = new FrameLimits(BACKEND_MAX_MESSAGE, BUFFER_WHOLE, BACKEND_INSPECTED, BACKEND_MAX_INSPECTED)
                .withTagBounds(BackendMessageBounds.totals())
                .withErrorKeep(ERROR_KEEP);
        // Sessions without guards (exempt roles) keep the general message bound: nothing reads their statements.
        this.frontendRelayLimits = frontendLimits.withMaxStatement(0).withTagBounds(new long[256])
                .relaying(FRONTEND_RELAY_ALONE, FRONTEND_RELAY_ENDS);
        this.backendRelayLimits = backendLimits.relaying(BACKEND_RELAY_ALONE, BACKEND_RELAY_ENDS);
    }

    public Set<Session> sessions() { return sessions; }

    public RunningStatements runningStatements() { return running; }

    public LongStatements longStatements() { return longs; }

    public org.pgaw.proxy.cluster.ClusterServices cluster() { return cluster; }

    /** Starts the standby health probe and the peer listener (on the proxy's own event loops). */
    public void startCluster(io.netty.channel.EventLoopGroup group) {
        cluster.start(group, transport.serverChannel(), (pid, secret) -> {
            Session s = cancels.find(pid, secret);
            if (s != null) s.cancelFromClient();
            return s != null;
        }, metrics, backendTls.enabled());
    }

    public void beginShutdown() { shuttingDown = true; }

    public org.pgaw.proxy.ops.GuardEvents events() { return events; }
}
