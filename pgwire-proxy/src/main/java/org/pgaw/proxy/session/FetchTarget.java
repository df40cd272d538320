package org.pgaw.proxy.session;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which cursor a {@code FETCH} reads from, so that rows fetched in pages (pgAdmin's server-cursor mode:
 * {@code FETCH FORWARD 1001 FROM "CURSOR:CONN:..."}) count against the cap of the cursor's DECLARE.
 * The cursor name is the statement's last word (FROM/IN are optional in PostgreSQL).
 */
final class FetchTarget {
    private static final Pattern FETCH = Pattern.compile(
            "(?is)^\\s*FETCH\\b.*?(\"(?:[^\"]|\"\")+\"|[\\p{L}_][\\p{L}\\p{N}_$]*)\\s*;?\\s*$");

    private FetchTarget() { }

    /** The cursor name as PostgreSQL stores it (quoted names verbatim, others folded to lower case), or null. */
    static String cursorOf(String sql) {
        if (sql.length() > 1000) return null; // a FETCH is short; anything longer is something else
        if (!startsWithFetch(sql)) return null; // every statement passes here: most are not FETCH, skip the regex
        Matcher m = FETCH.matcher(sql);
        if (!m.matches()) return null;
        String name = m.group(1);
        if (name.startsWith("\"")) return name.substring(1, name.length() - 1).replace("\"\"", "\"");
        return name.toLowerCase(Locale.ROOT);
    }

    /** True for every text the pattern can match (it may also be true for some it does not). */
    private static boolean startsWithFetch(String sql) {
        int i = 0;
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) i++;
        return sql.regionMatches(true, i, "FETCH", 0, 5);
    }
}
