package org.pgaw.proxy.guard;

import java.util.Arrays;

/**
 * From positions in the rewritten text back to the learner's text, so that an error PostgreSQL reports for the
 * rewrite ({@code LINE 1:} and the caret, from the ErrorResponse's {@code P} field) points into what the learner
 * wrote. The rewrite changes a few regions (an inserted {@code LIMIT n}, a number, {@code LEAST(} and
 * {@code , n::bigint)} around a kept expression); everything between them only shifts.
 */
public final class PositionMap {
    /** No change: every position maps to itself. */
    public static final PositionMap IDENTITY = new PositionMap("", "", new int[0], 0);

    private final String original;
    private final String rewritten;
    /** Per changed region: original start, original end, rewritten length; in increasing order. */
    private final int[] regions;
    private final int count;

    private PositionMap(String original, String rewritten, int[] regions, int count) {
        this.original = original;
        this.rewritten = rewritten;
        this.regions = regions;
        this.count = count;
    }

    /** Where a rewritten position lands in the learner's text. */
    public record Mapped(int position, boolean insideInsertedText) { }

    /**
     * @param position 1-based character position in the rewritten text (an ErrorResponse's {@code P})
     * @return the 1-based position in the original text; a position inside text the rewrite added maps to where it
     *         was added, flagged {@link Mapped#insideInsertedText()}
     */
    public Mapped toOriginal(int position) {
        if (count == 0) {
            return new Mapped(position, false);
        }
        int r = Positions.offsetOf(rewritten, position);
        int delta = 0;
        for (int k = 0; k < count; k++) {
            int origStart = regions[3 * k];
            int origLen = regions[3 * k + 1] - origStart;
            int newLen = regions[3 * k + 2];
            int newStart = origStart + delta;
            if (r < newStart) {
                break;
            }
            if (r < newStart + newLen) {
                int into = r - newStart;
                boolean inserted = into >= origLen;
                return new Mapped(Positions.charPosition(original, origStart + (inserted ? 0 : into)), inserted);
            }
            delta += newLen - origLen;
        }
        return new Mapped(Positions.charPosition(original, r - delta), false);
    }

    /** The learner's text. */
    public String original() {
        return original;
    }

    public boolean identity() {
        return count == 0;
    }

    /** The map of a statement rewritten by one edit (a Parse), without a builder. */
    static PositionMap of(String original, String rewritten, LimitRewriter.Edit e) {
        if (e.keptAt() < 0) {
            return new PositionMap(original, rewritten, new int[] {e.start(), e.end(), e.replacement().length()}, 1);
        }
        int tail = e.replacement().length() - e.keptAt() - (e.end() - e.start());
        return new PositionMap(original, rewritten, new int[] {e.start(), e.start(), e.keptAt(), e.end(), e.end(), tail}, 2);
    }

    /** Collects the changed regions of one rewrite, in increasing order. */
    static final class Builder {
        private final String original;
        private int[] regions = new int[12];
        private int count;

        Builder(String original) {
            this.original = original;
        }

        /** Original chars {@code [start, end)} became {@code newLength} chars. */
        Builder changed(int start, int end, int newLength) {
            if (3 * count + 3 > regions.length) {
                regions = Arrays.copyOf(regions, regions.length * 2);
            }
            regions[3 * count] = start;
            regions[3 * count + 1] = end;
            regions[3 * count + 2] = newLength;
            count++;
            return this;
        }

        /** One edit of the rewriter: a wrap keeps the original text inside its replacement. */
        Builder edit(LimitRewriter.Edit e) {
            if (e.keptAt() < 0) {
                return changed(e.start(), e.end(), e.replacement().length());
            }
            int keptLength = e.end() - e.start();
            changed(e.start(), e.start(), e.keptAt());
            return changed(e.end(), e.end(), e.replacement().length() - e.keptAt() - keptLength);
        }

        PositionMap build(String rewritten) {
            return count == 0 ? IDENTITY : new PositionMap(original, rewritten, regions, count);
        }
    }
}
