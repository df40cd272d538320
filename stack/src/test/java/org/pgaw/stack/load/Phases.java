package org.pgaw.stack.load;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The run's clock: before (logging in), phase 0 (well-behaved learners only), phase 1 (the misbehaving share
 * joins), over. Learners read it to tag each query with the phase it started in and to stop.
 */
final class Phases {
    static final String[] NAMES = {"well-behaved only", "with misbehaving share"};
    static final int BEFORE = -1;
    static final int OVER = NAMES.length;

    private final CountDownLatch[] begun = {new CountDownLatch(1), new CountDownLatch(1)};
    private final long startNanos = System.nanoTime();
    private volatile int current = BEFORE;

    void begin(int phase) {
        current = phase;
        begun[phase].countDown();
    }

    void end() {
        current = OVER;
        for (CountDownLatch l : begun) l.countDown();
    }

    int current() {
        return current;
    }

    boolean over() {
        return current == OVER;
    }

    /** Seconds since the run began (the chart's time axis). */
    double now() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    long startNanos() {
        return startNanos;
    }

    /** Waits until the phase begins (or the run ends); false when the run ended first. */
    boolean awaitBegin(int phase) {
        try {
            while (!begun[phase].await(1, TimeUnit.SECONDS)) {
                if (over()) return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !over();
    }

    /** A learner thinking: sleeps, but wakes up when the run ends. */
    void think(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (!over() && System.nanoTime() < end) {
            try {
                Thread.sleep(Math.min(200, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
