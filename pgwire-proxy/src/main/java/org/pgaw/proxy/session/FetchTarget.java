package org.pgaw.proxy.session;

import org.pgaw.proxy.guard.CursorCommand;

/**
 * Which cursor a {@code FETCH} or {@code MOVE} reads, so that rows fetched in pages (pgAdmin's server-cursor mode:
 * {@code FETCH FORWARD 1001 FROM "CURSOR:CONN:..."}) count against the cap of the cursor's DECLARE. Read by the
 * guard's lexer ({@link CursorCommand}): names resolve as PostgreSQL resolves them (quoted, {@code U&"..."} with
 * UESCAPE, case folding, 63-byte truncation), in linear time whatever the text.
 */
final class FetchTarget {
    private FetchTarget() { }

    /** The cursor name as PostgreSQL stores it, or null when {@code sql} is not one FETCH or MOVE. */
    static String cursorOf(String sql) {
        CursorCommand c = commandOf(sql);
        return c == null ? null : c.cursor();
    }

    /** The whole FETCH or MOVE (direction and count too), or null. */
    static CursorCommand commandOf(String sql) {
        return startsWithFetchOrMove(sql) ? CursorCommand.parse(sql) : null;
    }

    /** Every statement passes here and most are not FETCH: skip the lexer for them. */
    private static boolean startsWithFetchOrMove(String sql) {
        int i = 0;
        while (i < sql.length() && (Character.isWhitespace(sql.charAt(i)) || sql.charAt(i) == '/' || sql.charAt(i) == '-')) {
            if (sql.startsWith("/*", i) || sql.startsWith("--", i)) return true; // a comment first: let the lexer read it
            i++;
        }
        return sql.regionMatches(true, i, "FETCH", 0, 5) || sql.regionMatches(true, i, "MOVE", 0, 4);
    }
}
