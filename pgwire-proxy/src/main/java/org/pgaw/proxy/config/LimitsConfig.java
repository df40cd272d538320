package org.pgaw.proxy.config;

import java.time.Duration;

/**
 * Protection of the proxy itself.
 *
 * @param maxConnections        client connections at once (beyond: FATAL 53300)
 * @param maxConnectionsPerIp   client connections at once from one address (beyond: FATAL 53300); high enough by
 *                              default for a class behind three pgAdmin replicas, whose sessions all come from
 *                              three addresses (the per-user limit is the one that keeps learners apart)
 * @param startupTimeout        from TCP accept until the backend says ReadyForQuery (slowloris bound)
 * @param maxFrontendMessage    largest message a client may send, in bytes (CopyData and Query included)
 * @param backendConnectTimeout TCP connect to PostgreSQL
 * @param shutdownGrace         on SIGTERM, how long running sessions may go on before they are closed
 * @param writeBufferLow        Netty low write-buffer watermark, bytes
 * @param writeBufferHigh       Netty high write-buffer watermark, bytes: reading the other side pauses above it
 * @param maxUnauthenticatedPerIp connections from one address that have not finished logging in, at once (beyond:
 *                              FATAL 53300): what one address can make the proxy hold before anyone knows who it is
 * @param maxStatementBytes     largest Query or Parse text of a guarded session (beyond: ERROR 54000, the session
 *                              goes on); bounds what the guards read per message. Exempt roles: maxFrontendMessage
 * @param maxSessionsPerUser    authenticated guarded sessions of one user (startup {@code user}) at once, whatever
 *                              address they come from (beyond: FATAL 53300); 0 = no limit. Counted only once the
 *                              backend accepted the password, so a stranger cannot use up a learner's sessions.
 * @param maxRunningStatementsPerUser statements of one user (guarded sessions) running at once across all their
 *                              sessions; further ones wait in the proxy, first come first served; 0 = no limit
 * @param maxLongStatements     learners' statements running longer than {@code longStatementAfter} at once, over
 *                              the whole class (guarded sessions); see {@code session/LongStatements}; 0 = no limit
 * @param longStatementAfter    how long a statement runs before it counts as long
 */
public record LimitsConfig(int maxConnections, int maxConnectionsPerIp, Duration startupTimeout,
                           int maxFrontendMessage, Duration backendConnectTimeout, Duration shutdownGrace,
                           int writeBufferLow, int writeBufferHigh, int maxUnauthenticatedPerIp,
                           int maxStatementBytes, int maxSessionsPerUser, int maxRunningStatementsPerUser,
                           int maxLongStatements, Duration longStatementAfter) {
    public static final int DEFAULT_MAX_UNAUTHENTICATED_PER_IP = 20;
    public static final int DEFAULT_MAX_STATEMENT_BYTES = 64 * 1024;
    /** A learner with five pgAdmin Query Tool tabs, the browser tree, a dashboard and two psql sessions, and spare. */
    public static final int DEFAULT_MAX_SESSIONS_PER_USER = 20;
    /** Two: a learner may compare two queries side by side; a third (five Query Tools of cross joins) waits. */
    public static final int DEFAULT_MAX_RUNNING_STATEMENTS_PER_USER = 2;
    /**
     * One long statement at once for the class: half the cores of the two-core class server measured with the load
     * harness (two places left every short query sharing a core with a cross join: p95 x3.5-4). Raise it with the
     * database's cores, to about half of them.
     */
    public static final int DEFAULT_MAX_LONG_STATEMENTS = 1;
    /**
     * Practice queries on AdventureWorks take milliseconds to a few hundred; a second is a long statement. The
     * threshold is also how long a wave of learners starting cross joins together holds the CPU before all but the
     * places' holders are stopped.
     */
    public static final Duration DEFAULT_LONG_STATEMENT_AFTER = Duration.ofSeconds(1);

    /** The limits without the class's long-statement places (they get their defaults). */
    public LimitsConfig(int maxConnections, int maxConnectionsPerIp, Duration startupTimeout, int maxFrontendMessage,
                        Duration backendConnectTimeout, Duration shutdownGrace, int writeBufferLow,
                        int writeBufferHigh, int maxUnauthenticatedPerIp, int maxStatementBytes, int maxSessionsPerUser,
                        int maxRunningStatementsPerUser) {
        this(maxConnections, maxConnectionsPerIp, startupTimeout, maxFrontendMessage, backendConnectTimeout,
                shutdownGrace, writeBufferLow, writeBufferHigh, maxUnauthenticatedPerIp, maxStatementBytes,
                maxSessionsPerUser, maxRunningStatementsPerUser, DEFAULT_MAX_LONG_STATEMENTS,
                DEFAULT_LONG_STATEMENT_AFTER);
    }

    /** The limits without the running-statements limit (it gets its default). */
    public LimitsConfig(int maxConnections, int maxConnectionsPerIp, Duration startupTimeout, int maxFrontendMessage,
                        Duration backendConnectTimeout, Duration shutdownGrace, int writeBufferLow,
                        int writeBufferHigh, int maxUnauthenticatedPerIp, int maxStatementBytes, int maxSessionsPerUser) {
        this(maxConnections, maxConnectionsPerIp, startupTimeout, maxFrontendMessage, backendConnectTimeout,
                shutdownGrace, writeBufferLow, writeBufferHigh, maxUnauthenticatedPerIp, maxStatementBytes,
                maxSessionsPerUser, DEFAULT_MAX_RUNNING_STATEMENTS_PER_USER);
    }

    /** The same limits with this many statements of one user running at once (tests, and the binder). */
    public LimitsConfig withMaxRunningStatementsPerUser(int max) {
        return new LimitsConfig(maxConnections, maxConnectionsPerIp, startupTimeout, maxFrontendMessage,
                backendConnectTimeout, shutdownGrace, writeBufferLow, writeBufferHigh, maxUnauthenticatedPerIp,
                maxStatementBytes, maxSessionsPerUser, max, maxLongStatements, longStatementAfter);
    }

    /** The same limits with these long-statement places for the class (tests, and the binder). */
    public LimitsConfig withLongStatements(int max, Duration after) {
        return new LimitsConfig(maxConnections, maxConnectionsPerIp, startupTimeout, maxFrontendMessage,
                backendConnectTimeout, shutdownGrace, writeBufferLow, writeBufferHigh, maxUnauthenticatedPerIp,
                maxStatementBytes, maxSessionsPerUser, maxRunningStatementsPerUser, max, after);
    }

    /** The limits without the three newest ones (they get their defaults). */
    public LimitsConfig(int maxConnections, int maxConnectionsPerIp, Duration startupTimeout, int maxFrontendMessage,
                        Duration backendConnectTimeout, Duration shutdownGrace, int writeBufferLow,
                        int writeBufferHigh) {
        this(maxConnections, maxConnectionsPerIp, startupTimeout, maxFrontendMessage, backendConnectTimeout,
                shutdownGrace, writeBufferLow, writeBufferHigh, DEFAULT_MAX_UNAUTHENTICATED_PER_IP,
                DEFAULT_MAX_STATEMENT_BYTES, DEFAULT_MAX_SESSIONS_PER_USER);
    }

    public static LimitsConfig defaults() {
        return new LimitsConfig(500, 50, Duration.ofSeconds(15), 64 * 1024 * 1024, Duration.ofSeconds(10),
                Duration.ofSeconds(30), 32 * 1024, 64 * 1024);
    }

    /** The same limits with these two bounds (tests, and the binder). */
    public LimitsConfig withInputBounds(int unauthenticatedPerIp, int statementBytes) {
        return new LimitsConfig(maxConnections, maxConnectionsPerIp, startupTimeout, maxFrontendMessage,
                backendConnectTimeout, shutdownGrace, writeBufferLow, writeBufferHigh, unauthenticatedPerIp,
                statementBytes, maxSessionsPerUser, maxRunningStatementsPerUser, maxLongStatements, longStatementAfter);
    }
}
