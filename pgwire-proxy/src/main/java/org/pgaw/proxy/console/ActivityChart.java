package org.pgaw.proxy.console;

/**
 * The last hour of the class at a glance: every {@link #STEP_MILLIS} one point with the statements running at that
 * moment and the guard actions since the point before. A fixed ring of {@value #POINTS} points: memory is constant.
 */
final class ActivityChart {
    static final long STEP_MILLIS = 30_000;
    static final int POINTS = 120;

    private final long[] times = new long[POINTS];
    private final int[] active = new int[POINTS];
    private final long[] actions = new long[POINTS];
    private int written;
    private long lastTotal = -1;

    /** @param totalActions the guard actions since the proxy started (the chart shows their increase) */
    synchronized void sample(long now, int activeStatements, long totalActions) {
        int i = written % POINTS;
        times[i] = now;
        active[i] = activeStatements;
        actions[i] = lastTotal < 0 ? 0 : totalActions - lastTotal;
        lastTotal = totalActions;
        written++;
    }

    /**
     * Oldest first: each point as {epochMillis, running statements, guard actions}, and last the moment {@code now}
     * (so the line reaches the present, and a fresh proxy's chart is not a single invisible point).
     */
    synchronized long[][] points(long now, int activeNow, long totalActions) {
        int n = Math.min(written, POINTS);
        long[][] out = new long[n + 1][];
        out[n] = new long[] {now, activeNow, lastTotal < 0 ? 0 : totalActions - lastTotal};
        for (int k = 0; k < n; k++) {
            int i = (written - n + k) % POINTS;
            out[k] = new long[] {times[i], active[i], actions[i]};
        }
        return out;
    }
}
