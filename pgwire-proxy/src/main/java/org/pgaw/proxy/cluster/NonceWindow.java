package org.pgaw.proxy.cluster;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * Refuses a forwarded cancel that is too old, from too far in the future, or seen before. Nonces are remembered as
 * long as their message could still be accepted (twice the clock slack), and at most {@code capacity} of them: when
 * full, new messages are refused rather than old nonces forgotten (a replay must never slip through).
 */
final class NonceWindow {
    private record Seen(String nonce, long at) { }

    private final long slackMillis;
    private final int capacity;
    private final ArrayDeque<Seen> order = new ArrayDeque<>();
    private final Set<String> seen = new HashSet<>();

    NonceWindow(long slackMillis, int capacity) {
        this.slackMillis = slackMillis;
        this.capacity = capacity;
    }

    /** True exactly once per nonce, and only for a message sent within the slack of {@code now}. */
    synchronized boolean accept(long sentAt, byte[] nonce, long now) {
        if (Math.abs(now - sentAt) > slackMillis) return false;
        while (!order.isEmpty() && order.peekFirst().at() < now - 2 * slackMillis) seen.remove(order.pollFirst().nonce());
        String n = java.util.HexFormat.of().formatHex(nonce);
        if (seen.contains(n) || seen.size() >= capacity) return false;
        seen.add(n);
        order.addLast(new Seen(n, now));
        return true;
    }
}
