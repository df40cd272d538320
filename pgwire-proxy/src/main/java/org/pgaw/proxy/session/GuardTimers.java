package org.pgaw.proxy.session;

import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.function.Consumer;
import org.pgaw.proxy.guard.EffectiveLimits;

/**
 * The guards' clocks in one session. The statement clock runs while a unit of work is in flight at the backend
 * ({@link BackendWork}); a Query of n statements gets n times the limit. When nothing is in flight
 * an idle clock runs: with a transaction open (also an implicit one, of extended-protocol messages not yet synced)
 * it is the idle-in-transaction clock, which only a new unit of work resets (a Flush or a Describe does not);
 * outside a transaction it is the idle-session clock, which any client message resets.
 */
final class GuardTimers {
    private final Session session;
    private final EffectiveLimits limits;
    private final Runnable statementTimedOut;
    private final Consumer<Duration> idleInTransaction;
    private final Consumer<Duration> idleSession;
    private ScheduledFuture<?> statementTimer;
    private ScheduledFuture<?> idleTimer;
    private boolean idleTimerInTransaction;

    GuardTimers(Session session, EffectiveLimits limits, Runnable statementTimedOut,
                Consumer<Duration> idleInTransaction, Consumer<Duration> idleSession) {
        this.session = session;
        this.limits = limits;
        this.statementTimedOut = statementTimedOut;
        this.idleInTransaction = idleInTransaction;
        this.idleSession = idleSession;
    }

    /** A unit of work of {@code statements} statements starts: that many times the limit, no idle clock. */
    void statementStarted(int statements) {
        stopIdle();
        if (statementTimer != null) statementTimer.cancel(false);
        statementTimer = null;
        Duration t = limits.statementTimeout();
        if (t == null || t.isZero()) return;
        statementTimer = session.schedule(() -> {
            statementTimer = null;
            statementTimedOut.run();
        }, t.toMillis() * Math.max(1, statements));
    }

    /** Nothing is in flight any more: the statement clock stops and an idle clock starts. */
    void idle(boolean inTransaction) {
        if (statementTimer != null) {
            statementTimer.cancel(false);
            statementTimer = null;
        }
        stopIdle();
        startIdleTimer(inTransaction);
    }

    /**
     * A client message that starts no work, while nothing is in flight: it resets the idle-session clock (the
     * client is there), but not the idle-in-transaction one (the transaction is still idle).
     */
    void clientMessage(boolean inTransaction) {
        if (statementTimer != null) return;
        if (idleTimer != null && idleTimerInTransaction && inTransaction) return;
        stopIdle();
        startIdleTimer(inTransaction);
    }

    /** The idle clock starts again (after the client was told about our rollback). */
    void startIdleTimer(boolean inTransaction) {
        Duration t = inTransaction ? limits.idleInTransactionTimeout() : limits.idleSessionTimeout();
        if (t == null || t.isZero()) return;
        idleTimerInTransaction = inTransaction;
        idleTimer = session.schedule(() -> {
            idleTimer = null;
            if (inTransaction) idleInTransaction.accept(t);
            else idleSession.accept(t);
        }, t.toMillis());
    }

    /** A statement waits for one of the learner's slots: neither running nor idle, so no clock runs. */
    void waiting() {
        stopIdle();
    }

    private void stopIdle() {
        if (idleTimer != null) {
            idleTimer.cancel(false);
            idleTimer = null;
        }
    }

    void close() {
        if (statementTimer != null) statementTimer.cancel(false);
        stopIdle();
    }
}
