package org.pgaw.proxy.codec;

/**
 * Per-direction bounds of the frame decoder.
 *
 * @param maxMessage      largest acceptable message (tag + length + body); larger is a protocol error
 * @param maxBuffered     largest message held whole in memory; larger ones stream as {@link FramePart}s,
 *                        unless their tag must be inspected whole
 * @param inspectedTags   tags the proxy must see whole (e.g. Query, Parse, ReadyForQuery) — a 256-entry table
 * @param maxInspected    bound for inspected messages (they are accumulated)
 */
public record FrameLimits(long maxMessage, int maxBuffered, boolean[] inspectedTags, int maxInspected) {
    public static boolean[] tags(char... tags) {
        boolean[] t = new boolean[256];
        for (char c : tags) t[c] = true;
        return t;
    }

    boolean inspected(byte tag) { return inspectedTags[tag & 0xff]; }
}
