package org.pgaw.proxy.codec;

/**
 * Per-direction bounds and run shape of the frame decoder.
 *
 * @param maxMessage      largest acceptable message (tag + length + body); larger is a protocol error
 * @param maxBuffered     largest message held whole in memory; larger ones stream as {@link FramePart}s,
 *                        unless their tag must be inspected whole
 * @param inspectedTags   tags the proxy must see whole and alone (e.g. Query, Parse, ReadyForQuery) — a 256-entry
 *                        table
 * @param maxInspected    bound for inspected messages (they are accumulated)
 * @param anyTagRuns      false: a run holds messages of one tag only (the guards count a run of DataRows by its
 *                        message count); true: complete uninspected messages join a run whatever their tag, so a
 *                        session without guards writes a whole reply on with one write instead of one per message
 * @param runEnds         with {@code anyTagRuns}, tags after which a run stops (ReadyForQuery: the session must see
 *                        where a reply ends, and that can only be at a run's last message)
 * @param tagMax          per tag, the largest total size a peer can honestly send (0 = only the bounds above), so
 *                        that an impossible header ends the session whether or not the tag is inspected
 * @param onlyBoundedTags true: a tag without an entry in {@code tagMax} is refused at its header (before
 *                        authentication only the authentication replies may come)
 * @param maxStatement    0, or the largest body of a Query or Parse kept: a longer one is skipped as it arrives,
 *                        never held, and replaced by a {@link TooLongStatement} stand-in that fails (guarded sessions)
 * @param errorKeep       0, or the most of an inspected ErrorResponse ('E') held: a longer one is cut to its first
 *                        bytes as they arrive and the rest skipped ({@link ErrorCut}; backend, guarded sessions)
 */
public record FrameLimits(long maxMessage, int maxBuffered, boolean[] inspectedTags, int maxInspected,
                          boolean anyTagRuns, boolean[] runEnds, long[] tagMax, boolean onlyBoundedTags,
                          long maxStatement, int errorKeep) {
    private static final boolean[] NO_TAGS = new boolean[256];
    private static final long[] NO_TAG_BOUNDS = new long[256];

    public FrameLimits(long maxMessage, int maxBuffered, boolean[] inspectedTags, int maxInspected,
                       boolean anyTagRuns, boolean[] runEnds, long[] tagMax, boolean onlyBoundedTags,
                       long maxStatement) {
        this(maxMessage, maxBuffered, inspectedTags, maxInspected, anyTagRuns, runEnds, tagMax, onlyBoundedTags,
                maxStatement, 0);
    }

    /** Runs of one tag only, no bounds per tag. */
    public FrameLimits(long maxMessage, int maxBuffered, boolean[] inspectedTags, int maxInspected) {
        this(maxMessage, maxBuffered, inspectedTags, maxInspected, false, NO_TAGS, NO_TAG_BOUNDS, false, 0);
    }

    public FrameLimits(long maxMessage, int maxBuffered, boolean[] inspectedTags, int maxInspected,
                       boolean anyTagRuns, boolean[] runEnds, long[] tagMax) {
        this(maxMessage, maxBuffered, inspectedTags, maxInspected, anyTagRuns, runEnds, tagMax, false, 0);
    }

    /** The same bounds, for relaying: runs of any uninspected tags, each ending at the latest after a {@code runEnds} tag. */
    public FrameLimits relaying(boolean[] inspected, boolean[] ends) {
        return new FrameLimits(maxMessage, maxBuffered, inspected, maxInspected, true, ends, tagMax, onlyBoundedTags,
                maxStatement, errorKeep);
    }

    /** The same, with a largest total size per tag (0 = none), e.g. {@link BackendMessageBounds#totals()}. */
    public FrameLimits withTagBounds(long[] bounds) {
        return new FrameLimits(maxMessage, maxBuffered, inspectedTags, maxInspected, anyTagRuns, runEnds, bounds,
                onlyBoundedTags, maxStatement, errorKeep);
    }

    /** The same, with Query and Parse texts bounded: a longer one is skipped and fails (0 = no bound). */
    public FrameLimits withMaxStatement(long bytes) {
        return new FrameLimits(maxMessage, maxBuffered, inspectedTags, maxInspected, anyTagRuns, runEnds, tagMax,
                onlyBoundedTags, bytes, errorKeep);
    }

    /** The same, with inspected ErrorResponses over {@code bytes} cut while they arrive (0 = held whole). */
    public FrameLimits withErrorKeep(int bytes) {
        return new FrameLimits(maxMessage, maxBuffered, inspectedTags, maxInspected, anyTagRuns, runEnds, tagMax,
                onlyBoundedTags, maxStatement, bytes);
    }

    /** Is this an inspected ErrorResponse to cut to {@link #errorKeep()} bytes? */
    boolean cutsError(byte tag, long total) {
        return errorKeep > 0 && tag == 'E' && inspected(tag) && total > errorKeep;
    }

    /**
     * What a client may send before authentication ends, by PostgreSQL's own rules (auth.c): only the replies of
     * an authentication exchange (PasswordMessage, SASLInitialResponse, SASLResponse, GSSResponse: all tag 'p',
     * at most PG_MAX_AUTH_TOKEN_LENGTH = 65,535 bytes of body) and Terminate. Anything else, or larger, is refused
     * at its header: nothing of it is ever buffered.
     */
    public static FrameLimits authentication() {
        long[] bounds = new long[256];
        bounds['p'] = 1 + 4 + AUTH_TOKEN_MAX;
        bounds['X'] = 1 + 4;
        int max = (int) bounds['p'];
        return new FrameLimits(max, max, tags('p', 'X'), max, false, NO_TAGS, bounds, true, 0);
    }

    /** PostgreSQL's PG_MAX_AUTH_TOKEN_LENGTH: the largest body of an authentication reply it reads. */
    public static final int AUTH_TOKEN_MAX = 65_535;

    /** The largest acceptable total size of a message with this tag. */
    long max(byte tag) {
        long max = inspected(tag) ? Math.min(maxInspected, maxMessage) : maxMessage;
        long own = tagMax[tag & 0xff];
        return own > 0 ? Math.min(own, max) : max;
    }

    /** False for a tag that may not come at all with these limits. */
    boolean allowed(byte tag) {
        return !onlyBoundedTags || tagMax[tag & 0xff] > 0;
    }

    /** True when a message of this tag and total size is a statement text over the bound. */
    boolean tooLongStatement(byte tag, long total) {
        if (maxStatement <= 0) return false;
        if (tag == 'B') return total > Math.max(maxStatement, GuardedFrontendBounds.MAX_BIND); // parameter values
        return total - 5 > maxStatement && (tag == 'Q' || tag == 'P');
    }

    public static boolean[] tags(char... tags) {
        boolean[] t = new boolean[256];
        for (char c : tags) t[c] = true;
        return t;
    }

    boolean inspected(byte tag) { return inspectedTags[tag & 0xff]; }

    boolean endsRun(byte tag) { return runEnds[tag & 0xff]; }
}
