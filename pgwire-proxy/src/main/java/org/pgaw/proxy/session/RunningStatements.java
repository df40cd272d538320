package org.pgaw.proxy.session;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many statements each learner has running at once, across all of their sessions on this proxy, and who waits
 * for a slot (first come, first served). Thread-safe: a learner's sessions live on different event loops.
 *
 * <p>Why: one learner with five pgAdmin Query Tools each running a cross join would keep five backends busy, and
 * on a class server of a few cores that is everyone's CPU. With a limit of two, the other three wait in the proxy,
 * where waiting costs nothing, and the rest of the class keeps its share.
 *
 * <p>Bounded: a session waits with at most one statement (its further messages wait behind it in the session), so a
 * learner's queue never holds more entries than the learner has sessions; an entry exists only while some session
 * of that learner is open.
 */
public final class RunningStatements {
    /** One waiting statement; {@link #granted} may run on any thread, {@link #cancel} too. */
    interface Waiter {
        /** A slot was handed to this waiter: it now holds it. */
        void granted();

        /** The backend pid of the waiting session (pg_cancel_backend names it). */
        int backendPid();

        /** The learner cancelled the waiting statement from another session (pg_cancel_backend). */
        void cancel();
    }

    /** One learner's slots; every field is guarded by the object's own lock. */
    static final class User {
        private final String name;
        private int sessions;
        private int running;
        private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
        /**
         * Every slot is taken or someone waits: read without the lock, only to decide whether a statement should be
         * looked at as pgAdmin's Stop (which never waits), so a stale value costs at most that look.
         */
        private volatile boolean full;
        /**
         * When the learner last had a statement stopped for want of a long place, or (heavy already) ran one long
         * again or gave up waiting for a place ({@link LongStatements}); NOT_HEAVY if never.
         */
        private volatile long heavySince = LongStatements.NOT_HEAVY;
        /** Places for long statements the learner holds; guarded by the {@link LongStatements}' lock. */
        int longPlaces;

        private User(String name) {
            this.name = name;
        }

        boolean full() { return full; }

        /** Whether the learner was marked heavy within {@link LongStatements#HEAVY_FOR}. */
        boolean heavy() {
            long since = heavySince;
            return since != LongStatements.NOT_HEAVY && System.nanoTime() - since < LongStatements.HEAVY_FOR.toNanos();
        }

        void markHeavy() {
            heavySince = System.nanoTime();
        }

        private void update(int max) {
            full = max > 0 && running >= max || !waiting.isEmpty();
        }
    }

    private final int max;
    private final ConcurrentHashMap<String, User> users = new ConcurrentHashMap<>();

    /**
     * @param maxPerUser statements of one user running at once; 0 = no limit (statements are still counted: the
     *                   class's {@link LongStatements} need the learner's entry)
     */
    public RunningStatements(int maxPerUser) {
        this.max = maxPerUser;
    }

    public boolean enabled() { return max > 0; }

    public int maxPerUser() { return max; }

    /** A session of {@code user} starts counting here; call {@link #leave} once when it ends. */
    User join(String user) {
        return users.compute(user, (k, u) -> {
            User joined = u == null ? new User(k) : u;
            synchronized (joined) {
                joined.sessions++;
            }
            return joined;
        });
    }

    /** The session ended, having released its slot and withdrawn its waiter; the entry goes with the last session. */
    void leave(User u) {
        users.computeIfPresent(u.name, (k, current) -> {
            if (current != u) return current;
            synchronized (u) {
                u.sessions--;
                // A heavy learner's entry outlives their sessions, so that reconnecting does not shed it; it goes
                // with a later session's end (entries are bounded by the learners' roles).
                return u.sessions <= 0 && u.running == 0 && u.waiting.isEmpty() && !u.heavy() ? null : u;
            }
        });
    }

    /** Takes a slot if one is free and nobody waits (the common case: no waiter is made). */
    boolean tryAcquire(User u) {
        synchronized (u) {
            if (max > 0 && u.running >= max || !u.waiting.isEmpty()) return false;
            u.running++;
            u.update(max);
            return true;
        }
    }

    /** Takes a slot now (true), or queues {@code w} (false): {@link Waiter#granted} runs once a slot is its. */
    boolean acquireOrWait(User u, Waiter w) {
        synchronized (u) {
            if ((max == 0 || u.running < max) && u.waiting.isEmpty()) {
                u.running++;
                u.update(max);
                return true;
            }
            u.waiting.add(w);
            u.update(max);
            return false;
        }
    }

    /** Frees a slot; the longest waiting statement of the same user gets it at once. */
    void release(User u) {
        Waiter next;
        synchronized (u) {
            next = u.waiting.poll();
            if (next == null) u.running--;
            u.update(max);
        }
        if (next != null) next.granted();
    }

    /**
     * Takes back a waiting statement. True when it was still waiting; false when a slot had already been handed to
     * it (its {@link Waiter#granted} is on the way): the caller holds that slot and must release it.
     */
    boolean withdraw(User u, Waiter w) {
        synchronized (u) {
            boolean removed = u.waiting.remove(w);
            u.update(max);
            return removed;
        }
    }

    /** pg_cancel_backend(pid) from one of the user's sessions: a statement of theirs waiting in that pid's session ends. */
    void cancelWaiting(User u, int pid) {
        Waiter found = null;
        synchronized (u) {
            for (Iterator<Waiter> it = u.waiting.iterator(); it.hasNext() && found == null; ) {
                Waiter w = it.next();
                if (w.backendPid() == pid) found = w;
            }
        }
        if (found != null) found.cancel();
    }

    /** Statements of {@code user} running now (for tests and metrics). */
    public int running(String user) {
        User u = users.get(user);
        if (u == null) return 0;
        synchronized (u) {
            return u.running;
        }
    }

    /** Statements of {@code user} waiting now. */
    public int waiting(String user) {
        User u = users.get(user);
        if (u == null) return 0;
        synchronized (u) {
            return u.waiting.size();
        }
    }

    /**
     * Users with an open guarded session that ran or waited for a statement (entries go with their last session,
     * but a heavy learner's stays a while: it is not counted).
     */
    public int users() {
        int n = 0;
        for (User u : users.values()) {
            synchronized (u) {
                if (u.sessions > 0 || u.running > 0 || !u.waiting.isEmpty()) n++;
            }
        }
        return n;
    }
}
