package org.pgaw.stack.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for what another process does (starts listening, logs a line, reloads): check, pause, check again. */
public final class Poll {
    private static final long PAUSE_MILLIS = 100;

    private Poll() { }

    /** Checks until {@code done} holds; false when the timeout passed first, so the caller can say what it saw. */
    public static boolean until(Duration timeout, BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) return false;
            pause(PAUSE_MILLIS);
        }
        return true;
    }

    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
