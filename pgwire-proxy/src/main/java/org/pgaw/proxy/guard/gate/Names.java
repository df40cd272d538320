package org.pgaw.proxy.guard.gate;

import org.pgaw.proxy.guard.SqlTokens;
import org.pgaw.proxy.guard.TokenType;

/**
 * Names as PostgreSQL resolves them: unquoted words fold to lower case (ASCII only, as with a UTF-8 database),
 * {@code "quoted"} names keep their case, {@code U&"..."} names are decoded (with an optional {@code UESCAPE}). A
 * name that cannot be decoded comes back null, and the callers then refuse: fail closed.
 */
final class Names {
    /** Longest text of the learner's statement quoted back in a refusal. */
    static final int MAX_QUOTED = 40;

    private Names() { }

    /** Is token {@code i} something that can name a column, function or setting? */
    static boolean isName(SqlTokens t, int i) {
        return t.is(i, TokenType.WORD) || t.is(i, TokenType.QUOTED_IDENT);
    }

    /** The name token {@code i} stands for, or null when it is not a name or its U& escapes are malformed. */
    static String of(SqlTokens t, int i) {
        if (t.is(i, TokenType.WORD)) {
            return lowerAscii(t.sql(), t.start(i), t.end(i));
        }
        if (!t.is(i, TokenType.QUOTED_IDENT)) {
            return null;
        }
        String sql = t.sql();
        if (sql.charAt(t.start(i)) == '"') {
            return t.identifier(i);
        }
        return unicode(t, i);
    }

    /** {@code U&"d\0061t"} or {@code U&"d!0061t" UESCAPE '!'}. */
    private static String unicode(SqlTokens t, int i) {
        String sql = t.sql();
        int bodyStart = t.start(i) + 3;
        int bodyEnd = t.end(i) - 1;
        if (bodyEnd < bodyStart || sql.charAt(bodyEnd) != '"') {
            return null;
        }
        char escape = '\\';
        if (t.isWord(i + 1, "UESCAPE")) {
            if (!t.is(i + 2, TokenType.STRING) || t.end(i + 2) - t.start(i + 2) != 3
                    || sql.charAt(t.start(i + 2)) != '\'') {
                return null;
            }
            escape = sql.charAt(t.start(i + 2) + 1);
        }
        StringBuilder out = new StringBuilder(bodyEnd - bodyStart);
        int p = bodyStart;
        while (p < bodyEnd) {
            char c = sql.charAt(p);
            if (c == '"') {
                out.append('"');
                p += 2;
            } else if (c != escape) {
                out.append(c);
                p++;
            } else if (p + 1 < bodyEnd && sql.charAt(p + 1) == escape) {
                out.append(escape);
                p += 2;
            } else {
                int digits = p + 1 < bodyEnd && sql.charAt(p + 1) == '+' ? 6 : 4;
                int from = p + (digits == 6 ? 2 : 1);
                if (from + digits > bodyEnd) {
                    return null;
                }
                int cp = 0;
                for (int k = from; k < from + digits; k++) {
                    int d = Character.digit(sql.charAt(k), 16);
                    if (d < 0) {
                        return null;
                    }
                    cp = cp * 16 + d;
                }
                if (!Character.isValidCodePoint(cp) || cp == 0) {
                    return null;
                }
                out.appendCodePoint(cp);
                p = from + digits;
            }
        }
        return out.toString();
    }

    static String lowerAscii(String s, int from, int to) {
        StringBuilder b = new StringBuilder(to - from);
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return b.toString();
    }

    /** Token {@code i} as written, cut to {@link #MAX_QUOTED} chars, for a refusal's text. */
    static String quoted(SqlTokens t, int i) {
        if (i < 0 || i >= t.size()) {
            return "";
        }
        int len = t.end(i) - t.start(i);
        return len <= MAX_QUOTED ? t.text(i) : t.sql().substring(t.start(i), t.start(i) + MAX_QUOTED) + "...";
    }

    /** A keyword as the refusal shows it: upper case, bounded. */
    static String keyword(SqlTokens t, int i) {
        return quoted(t, i).toUpperCase(java.util.Locale.ROOT);
    }
}
