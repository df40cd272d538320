package org.pgaw.proxy.guard;

/**
 * Error positions as PostgreSQL counts them: the {@code P} field of an ErrorResponse is 1-based and counts
 * characters (code points), while Java strings count UTF-16 units.
 */
public final class Positions {
    private Positions() { }

    /** The 1-based PostgreSQL position of the char at {@code offset} of {@code sql}. */
    public static int charPosition(String sql, int offset) {
        return sql.codePointCount(0, Math.min(offset, sql.length())) + 1;
    }

    /** The char offset of 1-based PostgreSQL position {@code position} in {@code sql} (clamped to its length). */
    public static int offsetOf(String sql, int position) {
        int codePoints = sql.codePointCount(0, sql.length());
        int p = Math.max(0, Math.min(position - 1, codePoints));
        return sql.offsetByCodePoints(0, p);
    }
}
