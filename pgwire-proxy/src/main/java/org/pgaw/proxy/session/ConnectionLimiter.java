package org.pgaw.proxy.session;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts client connections, in all and per address, and authenticated sessions per user, against the configured
 * limits. Thread-safe.
 *
 * <p>Why per user, and why after authentication: all pgAdmin traffic arrives from the replicas' few addresses, so a
 * per-address limit cannot tell one learner from the class; the user can. But the startup packet's user is only a
 * claim until PostgreSQL accepted the password: counting it earlier would let a stranger fill a learner's slots
 * with startup packets naming them (and fill this map with invented names). So a session counts for its user from
 * AuthenticationOk on; before that only the address and total limits (and the startup timeout) apply.
 */
public final class ConnectionLimiter {
    public enum Verdict { ACCEPTED, TOO_MANY, TOO_MANY_FROM_ADDRESS }

    private final int maxTotal;
    private final int maxPerAddress;
    private final int maxPerUser;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> perUser = new ConcurrentHashMap<>();

    public ConnectionLimiter(int maxTotal, int maxPerAddress) {
        this(maxTotal, maxPerAddress, 0);
    }

    /** @param maxPerUser authenticated sessions of one user at once; 0 = no limit */
    public ConnectionLimiter(int maxTotal, int maxPerAddress, int maxPerUser) {
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
        this.maxPerUser = maxPerUser;
    }

    /** Counts the connection in every case; call {@link #release} exactly once when it closes. */
    public Verdict acquire(InetAddress address) {
        int t = total.incrementAndGet();
        int a = perAddress.computeIfAbsent(address, k -> new AtomicInteger()).incrementAndGet();
        if (t > maxTotal) return Verdict.TOO_MANY;
        if (a > maxPerAddress) return Verdict.TOO_MANY_FROM_ADDRESS;
        return Verdict.ACCEPTED;
    }

    public void release(InetAddress address) {
        total.decrementAndGet();
        perAddress.computeIfPresent(address, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    /**
     * Takes a session slot of {@code user}, whose password PostgreSQL just accepted. True when within the limit (then
     * call {@link #releaseUser} exactly once when the session ends); false when over it (nothing to release).
     */
    public boolean acquireUser(String user) {
        if (maxPerUser <= 0) return true;
        boolean[] admitted = new boolean[1];
        perUser.compute(user, (k, n) -> {
            AtomicInteger count = n == null ? new AtomicInteger() : n;
            admitted[0] = count.get() < maxPerUser;
            if (admitted[0]) count.incrementAndGet();
            return count.get() == 0 ? null : count;
        });
        return admitted[0];
    }

    public void releaseUser(String user) {
        if (maxPerUser <= 0) return;
        perUser.computeIfPresent(user, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    /** Sessions of {@code user} counted now (for tests and metrics). */
    public int sessionsOf(String user) {
        AtomicInteger n = perUser.get(user);
        return n == null ? 0 : n.get();
    }

    public int maxPerUser() {
        return maxPerUser;
    }
}
