package org.pgaw.proxy.session;

import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.function.Consumer;
import org.pgaw.proxy.guard.EffectiveLimits;

/**
 * The guards' clocks in one session: the statement timeout runs from the client's first message until no statement
 * is left to answer; then the idle timeout runs (in a transaction or outside one) until the client speaks again.
 */
final class GuardTimers {
    private final Session session;
    private final EffectiveLimits limits;
    private final Runnable statementTimedOut;
    private final Consumer<Duration> idleInTransaction;
    private final Consumer<Duration> idleSession;
    private ScheduledFuture<?> statementTimer;
    private ScheduledFuture<?> idleTimer;

    GuardTimers(Session session, EffectiveLimits limits, Runnable statementTimedOut,
                Consumer<Duration> idleInTransaction, Consumer<Duration> idleSession) {
        this.session = session;
        this.limits = limits;
        this.statementTimedOut = statementTimedOut;
        this.idleInTransaction = idleInTransaction;
        this.idleSession = idleSession;
    }

    /** Any client traffic: the session is not idle, and a statement may now run. */
    void clientActivity() {
        if (idleTimer != null) {
            idleTimer.cancel(false);
            idleTimer = null;
        }
        Duration t = limits.statementTimeout();
        if (statementTimer == null && t != null && !t.isZero()) {
            statementTimer = session.schedule(() -> {
                statementTimer = null;
                statementTimedOut.run();
            }, t.toMillis());
        }
    }

    /** Nothing is left to answer: the statement clock stops and the idle one starts. */
    void idle(boolean inTransaction) {
        if (statementTimer != null) {
            statementTimer.cancel(false);
            statementTimer = null;
        }
        startIdleTimer(inTransaction);
    }

    /** The idle clock starts again (after the client was told about our rollback). */
    void startIdleTimer(boolean inTransaction) {
        Duration t = inTransaction ? limits.idleInTransactionTimeout() : limits.idleSessionTimeout();
        if (t == null || t.isZero()) return;
        idleTimer = session.schedule(() -> {
            idleTimer = null;
            if (inTransaction) idleInTransaction.accept(t);
            else idleSession.accept(t);
        }, t.toMillis());
    }

    void close() {
        if (statementTimer != null) statementTimer.cancel(false);
        if (idleTimer != null) idleTimer.cancel(false);
    }
}
