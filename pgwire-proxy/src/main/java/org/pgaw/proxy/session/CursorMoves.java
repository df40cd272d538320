package org.pgaw.proxy.session;

import java.util.Locale;

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

    /** The move of a FETCH or MOVE statement on a known cursor (the statement's text; the cursor resolved by name). */
    static Move parse(String sql, Cursor cursor) {
        String[] words = sql.trim().replaceAll(";\\s*$", "").split("\\s+");
        boolean fetch = words[0].equalsIgnoreCase("FETCH");
        String last = words[words.length - 1];
        if (last.contains("\"") && !(last.length() > 1 && last.startsWith("\"") && last.endsWith("\""))) {
            return new Move(cursor, Kind.UNKNOWN, 0, fetch); // a quoted name with spaces: not worth guessing
        }
        // FETCH [direction] [FROM | IN] name: the direction is between the first word and FROM/IN or the name.
        int end = words.length - 1;
        if (end >= 2 && (words[end - 1].equalsIgnoreCase("FROM") || words[end - 1].equalsIgnoreCase("IN"))) end--;
        if (end <= 1) return new Move(cursor, Kind.FORWARD, 1, fetch);
        String d = words[1].toUpperCase(Locale.ROOT);
        String arg = end >= 3 ? words[2] : null;
        switch (d) {
            case "NEXT":
                return new Move(cursor, Kind.FORWARD, 1, fetch);
            case "PRIOR":
                return new Move(cursor, Kind.BACKWARD, 1, fetch);
            case "FIRST":
                return new Move(cursor, Kind.ABSOLUTE, 1, fetch);
            case "ALL":
                return new Move(cursor, Kind.FORWARD, Long.MAX_VALUE, fetch);
            case "FORWARD":
                return new Move(cursor, Kind.FORWARD, count(arg, end), fetch);
            case "BACKWARD":
                return new Move(cursor, Kind.BACKWARD, count(arg, end), fetch);
            case "ABSOLUTE":
                return numberOrUnknown(cursor, Kind.ABSOLUTE, arg, fetch);
            case "RELATIVE":
                return numberOrUnknown(cursor, Kind.RELATIVE, arg, fetch);
            default:
                try {
                    long n = Long.parseLong(d);
                    return n >= 0 ? new Move(cursor, Kind.FORWARD, n, fetch) : new Move(cursor, Kind.BACKWARD, -n, fetch);
                } catch (NumberFormatException e) {
                    return new Move(cursor, Kind.UNKNOWN, 0, fetch); // LAST, $1, anything unusual
                }
        }
    }

    /** FORWARD / BACKWARD [n | ALL]: the count, 1 when absent. */
    private static long count(String arg, int end) {
        if (arg == null || end < 3) return 1;
        if (arg.equalsIgnoreCase("ALL")) return Long.MAX_VALUE;
        try {
            return Math.abs(Long.parseLong(arg));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static Move numberOrUnknown(Cursor cursor, Kind kind, String arg, boolean fetch) {
        try {
            return new Move(cursor, kind, Long.parseLong(arg), fetch);
        } catch (NumberFormatException | NullPointerException e) {
            return new Move(cursor, Kind.UNKNOWN, 0, fetch);
        }
    }

    /** The cursor a MOVE statement names (FETCH's syntax after the first word), or null. */
    static String cursorOfMove(String sql) {
        String t = sql.stripLeading();
        if (!t.regionMatches(true, 0, "MOVE", 0, 4) || t.length() > 1000) return null;
        return FetchTarget.cursorOf("FETCH" + t.substring(4));
    }
}
