package org.pgaw.proxy.session;

/**
 * Where a DECLAREd cursor stands, followed from the FETCH and MOVE statements that reach it and the counts PostgreSQL
 * reports, so that a capped cursor behaves as a cursor over its first rows: a forward FETCH is capped at the rows
 * left before the cap (not at a total shared by every FETCH, which broke scrolling and re-fetching), and the
 * learner is told once when a FETCH reaches the cap. When a direction makes the position unknowable here
 * (ABSOLUTE past the end, LAST), it becomes unknown and the proxy caps each FETCH at max_rows and says nothing.
 */
final class CursorMoves {
    /** One cursor: its cap, and its position as PostgreSQL counts it (0 = before the first row; -1 = unknown). */
    static final class Cursor {
        final int cap;
        long position;
        /** The learner was told that this cursor stops at its cap. */
        boolean told;

        Cursor(int cap) {
            this.cap = cap;
        }
    }

    enum Kind { FORWARD, BACKWARD, ABSOLUTE, RELATIVE, UNKNOWN }

    /** One FETCH or MOVE: direction and count ({@link Long#MAX_VALUE} for ALL). */
    record Move(Cursor cursor, Kind kind, long count, boolean fetch) {
        /** Rows this FETCH may deliver: the rows left before the cursor's cap when that is known. */
        int capOfFetch(int maxRows) {
            if (kind == Kind.FORWARD && cursor.position >= 0 && maxRows >= 0) {
                return (int) Math.min(maxRows, Math.max(0, cursor.cap - cursor.position));
            }
            return maxRows;
        }

        /**
         * PostgreSQL reported {@code rows} (FETCH n / MOVE n): the new position. Returns true when a forward FETCH
         * reached the end of the cursor exactly at its cap (the rewrite made the cursor end there).
         */
        boolean moved(long rows) {
            long p = cursor.position;
            switch (kind) {
                case FORWARD:
                    if (p < 0) return false;
                    cursor.position = rows < count ? p + rows + 1 : p + rows; // short: after the last row
                    return rows < count && p + rows == cursor.cap;
                case BACKWARD:
                    if (p >= 0) cursor.position = rows < count ? 0 : p - rows;
                    return false;
                case ABSOLUTE:
                    cursor.position = count == 0 ? 0 : count > 0 && rows == 1 ? count : -1;
                    return false;
                case RELATIVE:
                    cursor.position = p >= 0 && count == 0 ? p : -1;
                    return false;
                default:
                    cursor.position = -1;
                    return false;
            }
        }
    }

    private CursorMoves() { }

    /** The move of a FETCH or MOVE on a known cursor, from the lexer's reading of the statement (never null). */
    static Move of(org.pgaw.proxy.guard.CursorCommand c, Cursor cursor) {
        boolean fetch = !c.move();
        long n = c.count();
        switch (c.direction()) {
            case FORWARD:
                return n >= 0 ? new Move(cursor, Kind.FORWARD, n, fetch) : new Move(cursor, Kind.BACKWARD, -n, fetch);
            case BACKWARD:
                return n >= 0 ? new Move(cursor, Kind.BACKWARD, n, fetch) : new Move(cursor, Kind.FORWARD, -n, fetch);
            case ABSOLUTE:
                return new Move(cursor, Kind.ABSOLUTE, n, fetch);
            case RELATIVE:
                return new Move(cursor, Kind.RELATIVE, n, fetch);
            default:
                return new Move(cursor, Kind.UNKNOWN, 0, fetch);
        }
    }
}
