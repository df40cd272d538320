package org.pgaw.proxy.cluster;

/** A token bucket: {@code perSecond} events a second on average, bursts up to {@code burst}. */
final class RateLimit {
    private final double perMilli;
    private final double burst;
    private double tokens;
    private long last;

    RateLimit(int perSecond, int burst) {
        this.perMilli = perSecond / 1000.0;
        this.burst = burst;
        this.tokens = burst;
        this.last = System.nanoTime() / 1_000_000;
    }

    synchronized boolean tryTake() {
        long now = System.nanoTime() / 1_000_000;
        tokens = Math.min(burst, tokens + (now - last) * perMilli);
        last = now;
        if (tokens < 1) return false;
        tokens -= 1;
        return true;
    }
}
