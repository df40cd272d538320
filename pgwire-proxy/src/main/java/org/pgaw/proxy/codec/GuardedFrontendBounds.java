package org.pgaw.proxy.codec;

/**
 * The largest message a guarded (learner) session may send, per frontend message type that the guards read whole
 * (tag + length + body). Held whole, each is proxy memory for as long as the client takes to send the rest: a learner
 * who sent most of a 40 MB Bind in six sessions and stopped held 252 MiB of the proxy's memory (the stack gives it
 * 256 MiB of direct memory), so each is bounded by what an honest client sends. Query, Parse and Bind are skipped as
 * they arrive past their bound and answered with ERROR 54000 ({@link TooLongStatement}; Bind: {@link #MAX_BIND}, the
 * parameter values of a reading statement whose text is itself at most 64 KiB); Execute, Sync, Close and Terminate
 * carry at most a name: a header that claims more ends the session at that header (FATAL message too large), before
 * any body is held.
 * Exempt sessions keep the general bound (limits.max_frontend_message).
 */
public final class GuardedFrontendBounds {
    /** Bind: parameter values of a reading statement (an id list of 100,000 numbers fits). */
    public static final long MAX_BIND = 1L << 20;
    /**
     * Execute, Close: a portal or statement name and a few fixed fields. Names over 63 bytes get ERROR 54000 from the
     * guards (the session goes on) up to this size; a header beyond it is not an honest client.
     */
    private static final long NAMED = 1L << 20;

    private GuardedFrontendBounds() { }

    /** Per tag, the largest total size; 0 = only the decoder's overall bounds apply. */
    public static long[] totals() {
        long[] max = new long[256];
        max['E'] = NAMED;
        max['C'] = NAMED;
        max['S'] = 5; // Sync: tag + length
        max['X'] = 5; // Terminate
        return max;
    }
}
