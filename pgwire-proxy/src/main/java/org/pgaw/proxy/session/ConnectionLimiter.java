package org.pgaw.proxy.session;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts client connections, in all and per address, against the configured limits. Thread-safe. */
public final class ConnectionLimiter {
    public enum Verdict { ACCEPTED, TOO_MANY, TOO_MANY_FROM_ADDRESS }

    private final int maxTotal;
    private final int maxPerAddress;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();

    public ConnectionLimiter(int maxTotal, int maxPerAddress) {
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
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
}
