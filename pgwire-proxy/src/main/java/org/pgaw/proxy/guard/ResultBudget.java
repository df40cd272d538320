package org.pgaw.proxy.guard;

/**
 * Byte arithmetic of one statement's result budget (DataRow and CopyData bytes the proxy forwards). Pure, not
 * thread-safe (one per session, used on its event loop), overflow-safe: counts saturate at {@code Long.MAX_VALUE}.
 *
 * <p>Use: {@code reset()} when a statement starts; for every result message {@code if (budget.add(size) < size)}
 * drop the message (the session cuts at message boundaries) and, the first time, tell the learner.
 */
public final class ResultBudget {
    private final long limit;
    private long used;

    /** @param limitBytes bytes allowed per statement; 0 = unlimited */
    public ResultBudget(long limitBytes) {
        if (limitBytes < 0) {
            throw new IllegalArgumentException("byte budget must be 0 (unlimited) or more, got " + limitBytes);
        }
        this.limit = limitBytes;
    }

    /**
     * Counts a message of {@code bytes} bytes.
     *
     * @return how many of its bytes still fit in the budget: {@code bytes} when all do, less when this message
     *         crosses the limit, 0 once the budget is spent
     */
    public long add(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("message size must be >= 0, got " + bytes);
        }
        long fits = limit == 0 ? bytes : Math.min(bytes, remaining());
        used = used > Long.MAX_VALUE - bytes ? Long.MAX_VALUE : used + bytes;
        return fits;
    }

    /** True once more bytes were counted than the budget allows. */
    public boolean exceeded() {
        return limit != 0 && used > limit;
    }

    /** Bytes that may still pass; {@code Long.MAX_VALUE} when unlimited. */
    public long remaining() {
        return limit == 0 ? Long.MAX_VALUE : Math.max(0, limit - used);
    }

    public long used() {
        return used;
    }

    public long limit() {
        return limit;
    }

    public void reset() {
        used = 0;
    }
}
