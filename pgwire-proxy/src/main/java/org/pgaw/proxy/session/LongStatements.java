package org.pgaw.proxy.session;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The class's places for long statements: how many learners' statements may run longer than
 * {@code limits.long_statement_after} at once on this proxy, whoever runs them. Thread-safe (one lock; it is taken
 * only when a statement crosses the threshold, ends holding a place, or starts for a learner who ran long ones).
 *
 * <p>Why: the per-learner limit ({@link RunningStatements}) keeps one learner to two statements, but ten learners
 * each running two cross joins are still twenty busy backends on a server of a few cores, and every short query of
 * the other seventy learners then shares a core with them. PostgreSQL cannot pause or lower a running statement;
 * the proxy can only decide which statements start. So:
 * <ul>
 *   <li>any statement starts as before; one that runs past the threshold takes a free place and keeps it to its
 *       end; when every place is held it is cancelled with a message saying why;</li>
 *   <li>a learner whose statement was cancelled so is <em>heavy</em> for {@link #HEAVY_FOR} after the last
 *       time they ran a statement long or gave up waiting for a place: each further
 *       statement of theirs (but the {@link LightStatements light} ones) waits for a place before it starts, in
 *       one queue for the class, first come first served, but a learner who holds no place goes first. Without
 *       it, five tabs re-running a cross join would each burn the threshold's CPU again and again.</li>
 * </ul>
 * A learner whose long statement found a free place is not heavy: that is what the places are for.
 * Short statements of everyone else never wait here, and at most {@code places} long ones share the cores with them.
 * Heavy ends only with time, never with a quick statement, so it cannot be shed by running {@code SELECT 1} between
 * two cross joins (nor by reconnecting: {@link RunningStatements} keeps a heavy learner's entry).
 */
public final class LongStatements {
    /** How long a learner stays heavy after a statement of theirs was stopped for want of a place. */
    static final Duration HEAVY_FOR = Duration.ofSeconds(60);
    static final long NOT_HEAVY = Long.MIN_VALUE;

    private record Entry(RunningStatements.User user, RunningStatements.Waiter waiter) { }

    private final int places;
    private final Duration after;
    private int taken;
    private final ArrayDeque<Entry> queue = new ArrayDeque<>();

    /**
     * @param places long statements at once over the class; 0 = off
     * @param after  how long a statement runs before it is long
     */
    public LongStatements(int places, Duration after) {
        this.places = places;
        this.after = after;
    }

    public boolean enabled() { return places > 0; }

    public int places() { return places; }

    public Duration after() { return after; }

    /** A running statement crossed the threshold: it takes a free place if there is one. False: it must be cancelled. */
    synchronized boolean takeWhileRunning(RunningStatements.User u) {
        if (taken >= places) return false;
        taken++;
        u.longPlaces++;
        return true;
    }

    /**
     * A heavy learner's statement wants to start: a place now (true), or {@code w} waits in the class's queue. A
     * learner who holds no place goes before those who hold one; otherwise first come, first served.
     */
    synchronized boolean takeOrWait(RunningStatements.User u, RunningStatements.Waiter w) {
        if (taken < places && (u.longPlaces == 0 ? !anyoneWaits(true) : !anyoneWaits(false))) {
            taken++;
            u.longPlaces++;
            return true;
        }
        queue.add(new Entry(u, w));
        return false;
    }

    /** Whether someone waits (only those whose learner holds no place, when {@code placeless}). */
    private boolean anyoneWaits(boolean placeless) {
        for (Entry e : queue) {
            if (!placeless || e.user.longPlaces == 0) return true;
        }
        return false;
    }

    /**
     * A statement holding a place ended: the place goes to the first waiter whose learner holds none, or else to
     * the first waiter.
     */
    void release(RunningStatements.User u) {
        RunningStatements.Waiter next;
        synchronized (this) {
            u.longPlaces--;
            next = handOver(true);
            if (next == null) next = handOver(false);
            if (next == null) taken--;
        }
        if (next != null) next.granted();
    }

    private RunningStatements.Waiter handOver(boolean placeless) {
        for (Iterator<Entry> it = queue.iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (!placeless || e.user.longPlaces == 0) {
                it.remove();
                e.user.longPlaces++;
                return e.waiter;
            }
        }
        return null;
    }

    /**
     * Takes back a waiting statement: true when it was still waiting; false when a place had been handed to it
     * meanwhile (its {@link RunningStatements.Waiter#granted} is on the way): the caller holds that place and must release it.
     */
    synchronized boolean withdraw(RunningStatements.Waiter w) {
        for (Iterator<Entry> it = queue.iterator(); it.hasNext(); ) {
            if (it.next().waiter() == w) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    /** pgAdmin's Stop for one of the learner's sessions: its statement waiting for a place ends. */
    void cancelWaiting(RunningStatements.User u, int pid) {
        RunningStatements.Waiter found = null;
        synchronized (this) {
            for (Entry e : queue) {
                if (e.user == u && e.waiter.backendPid() == pid) {
                    found = e.waiter;
                    break;
                }
            }
        }
        if (found != null) found.cancel();
    }

    /** Long statements running now (metrics, tests). */
    public synchronized int taken() { return taken; }

    /** Statements waiting for a place now (metrics, tests). */
    public synchronized int waiting() { return queue.size(); }
}
