package org.pgaw.proxy.session;

import io.netty.util.concurrent.ScheduledFuture;

/**
 * One guarded session's side of the class's {@link LongStatements places for long statements}: it watches each run
 * of work the session's {@link StatementAdmission} lets start, and when the run passes the threshold it takes a
 * place or has the statement cancelled; the place goes back when the run ends. Runs on the session's event loop.
 */
final class LongStatementTurn {
    private final Session session;
    private final LongStatements longs;
    /** Cancels the statement running now with the proxy's own words (the guard session's cancel). */
    private final Runnable cancelForPlaces;

    private RunningStatements.User user;
    private boolean holding;
    private boolean running;
    private long startNanos;
    /**
     * Armed at most once per threshold period, not once per run: a short run leaves it armed, and when it fires it
     * looks at the run going on then (if any) and arms again for what that run has left. A timer per run would cost
     * every one of a learner's quick statements a schedule and a cancel.
     */
    private ScheduledFuture<?> threshold;

    LongStatementTurn(Session session, LongStatements longs, Runnable cancelForPlaces) {
        this.session = session;
        this.longs = longs;
        this.cancelForPlaces = cancelForPlaces;
    }

    boolean enabled() { return longs.enabled(); }

    /** Whether the learner's next statement must wait for a place before it starts. */
    boolean mustWait(RunningStatements.User u) {
        return longs.enabled() && u.heavy();
    }

    /** A place now for a heavy learner's run (true), or {@code w} waits for one. */
    boolean takeOrWait(RunningStatements.User u, RunningStatements.Waiter w) {
        user = u;
        holding = longs.takeOrWait(u, w);
        return holding;
    }

    /** A place was handed to the waiting run. */
    void granted() {
        holding = true;
    }

    /** Gives back a place taken or handed over while the run waited (the wait ended otherwise). */
    void giveBack(RunningStatements.Waiter w) {
        if (!longs.withdraw(w)) longs.release(user);
        holding = false;
    }

    /** The run of work starts (it reaches PostgreSQL): the threshold's clock starts. */
    void started(RunningStatements.User u) {
        if (!longs.enabled()) return;
        user = u;
        running = true;
        startNanos = System.nanoTime();
        if (threshold == null) arm(longs.after().toNanos());
    }

    private void arm(long nanos) {
        threshold = session.schedule(this::check, Math.max(1, (nanos + 999_999) / 1_000_000));
    }

    private void check() {
        threshold = null;
        if (!running) return; // the next run arms it again
        long left = longs.after().toNanos() - (System.nanoTime() - startNanos);
        if (left > 0) arm(left); // a later run than the one that armed it
        else crossed();
    }

    /** The run ended (the backend is ready, or the session ends): the place goes back. */
    void ended() {
        if (!running) return;
        running = false;
        if (holding) longs.release(user);
        holding = false;
    }

    /** The session ends (after {@link #ended}). */
    void close() {
        if (threshold != null) threshold.cancel(false);
        threshold = null;
    }

    private void crossed() {
        // A heavy learner who runs long statements again stays heavy: otherwise every misbehaving learner of a
        // lesson would come back at once, a minute after the first wave, and run unplaced again (measured).
        if (user.heavy()) user.markHeavy();
        if (holding) return;
        if (longs.takeWhileRunning(user)) {
            holding = true;
            return;
        }
        user.markHeavy();
        cancelForPlaces.run();
    }
}
