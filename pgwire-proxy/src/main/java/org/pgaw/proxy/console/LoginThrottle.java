package org.pgaw.proxy.console;

import java.util.HashMap;
import java.util.Map;

/**
 * Failed logins per client address: after {@value #MAX_FAILURES} in {@link #WINDOW_MILLIS} the address waits until
 * the window has passed, right answer or not. The table is bounded; when it is full of recent failures (many
 * addresses guessing at once) every new address waits too: the console fails closed, the proxy is not affected.
 */
final class LoginThrottle {
    static final int MAX_FAILURES = 5;
    static final long WINDOW_MILLIS = 5 * 60_000;
    static final int MAX_ADDRESSES = 4096;

    private final Map<String, Window> failures = new HashMap<>();

    /** Milliseconds this address must still wait before it may try, 0 when it may try now. */
    synchronized long waitMillis(String address, long now) {
        Window w = failures.get(address);
        if (w == null) return failures.size() >= MAX_ADDRESSES && !sweep(now) ? WINDOW_MILLIS : 0;
        if (now - w.start >= WINDOW_MILLIS) {
            failures.remove(address);
            return 0;
        }
        return w.count >= MAX_FAILURES ? WINDOW_MILLIS - (now - w.start) : 0;
    }

    synchronized void failed(String address, long now) {
        Window w = failures.get(address);
        if (w == null || now - w.start >= WINDOW_MILLIS) {
            if (w == null && failures.size() >= MAX_ADDRESSES && !sweep(now)) return;
            failures.put(address, w = new Window(now));
        }
        w.count++;
    }

    synchronized void succeeded(String address) {
        failures.remove(address);
    }

    /** Forgets windows that are over; true when that made room. */
    private boolean sweep(long now) {
        failures.values().removeIf(w -> now - w.start >= WINDOW_MILLIS);
        return failures.size() < MAX_ADDRESSES;
    }

    private static final class Window {
        final long start;
        int count;

        Window(long start) {
            this.start = start;
        }
    }
}
