package org.pgaw.proxy.guard;

import java.nio.charset.StandardCharsets;

/**
 * Names as PostgreSQL's scanner stores them (scan.l, scansup.c): an unquoted word folds ASCII {@code A-Z} to lower
 * case (the server encoding is UTF-8, where PostgreSQL leaves other letters alone), {@code "a""b"} is {@code a"b},
 * {@code U&"d\0061t"} and {@code U&"d!0061t" UESCAPE '!'} decode Unicode escapes, and every name longer than
 * {@value #MAX_NAME_BYTES} bytes is cut at a character boundary (PostgreSQL's NAMEDATALEN - 1).
 */
final class Identifiers {
    static final int MAX_NAME_BYTES = 63;

    private Identifiers() { }

    static String name(SqlTokens t, int i) {
        if (i < 0 || i >= t.size()) {
            return null;
        }
        String sql = t.sql();
        int start = t.start(i);
        int end = t.end(i);
        if (t.type(i) == TokenType.WORD) {
            return truncate(foldAscii(sql, start, end));
        }
        if (t.type(i) != TokenType.QUOTED_IDENT || end - start < 2 || sql.charAt(end - 1) != '"') {
            return null;
        }
        if (sql.charAt(start) == '"') {
            String body = sql.substring(start + 1, end - 1).replace("\"\"", "\"");
            return body.isEmpty() ? null : truncate(body);
        }
        char escape = '\\';
        if (length(t, i) == 3) {
            String e = t.text(i + 2);
            if (e.length() != 3) {
                return null;
            }
            escape = e.charAt(1);
            if (isHex(escape) || escape == '+' || escape == '\'' || escape == '"' || SqlScanner.isSpace(escape)) {
                return null;
            }
        }
        String body = unicodeEscapes(sql.substring(start + 3, end - 1).replace("\"\"", "\""), escape);
        return body == null || body.isEmpty() ? null : truncate(body);
    }

    /** {@code U&"..." UESCAPE 'c'} is one name in PostgreSQL's scanner and three tokens here. */
    static int length(SqlTokens t, int i) {
        boolean unicode = t.is(i, TokenType.QUOTED_IDENT) && t.sql().charAt(t.start(i)) != '"';
        return unicode && t.isWord(i + 1, "UESCAPE") && t.is(i + 2, TokenType.STRING)
                && t.sql().charAt(t.start(i + 2)) == '\'' ? 3 : 1;
    }

    static String foldAscii(String s, int from, int to) {
        StringBuilder sb = null;
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (c >= 'A' && c <= 'Z') {
                if (sb == null) {
                    sb = new StringBuilder(to - from).append(s, from, k);
                }
                sb.append((char) (c + ('a' - 'A')));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s.substring(from, to) : sb.toString();
    }

    /** Cut to at most 63 UTF-8 bytes without splitting a character, as PostgreSQL's truncate_identifier does. */
    static String truncate(String name) {
        if (name.length() <= MAX_NAME_BYTES / 4) {
            return name;
        }
        int bytes = 0;
        int k = 0;
        while (k < name.length()) {
            int cp = name.codePointAt(k);
            int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + len > MAX_NAME_BYTES) {
                return name.substring(0, k);
            }
            bytes += len;
            k += Character.charCount(cp);
        }
        return name;
    }

    /** Decodes {@code \XXXX}, {@code \+XXXXXX} and {@code \\} (with the escape character given); null when invalid. */
    static String unicodeEscapes(String body, char escape) {
        StringBuilder sb = new StringBuilder(body.length());
        int k = 0;
        while (k < body.length()) {
            char c = body.charAt(k);
            if (c != escape) {
                sb.append(c);
                k++;
            } else if (k + 1 < body.length() && body.charAt(k + 1) == escape) {
                sb.append(escape);
                k += 2;
            } else {
                int digits = k + 1 < body.length() && body.charAt(k + 1) == '+' ? 6 : 4;
                int from = k + 1 + (digits == 6 ? 1 : 0);
                if (from + digits > body.length()) {
                    return null;
                }
                for (int d = from; d < from + digits; d++) {
                    if (!isHex(body.charAt(d))) {
                        return null;
                    }
                }
                int cp = Integer.parseInt(body.substring(from, from + digits), 16);
                if (cp == 0 || cp > Character.MAX_CODE_POINT) {
                    return null;
                }
                sb.appendCodePoint(cp);
                k = from + digits;
            }
        }
        return sb.toString();
    }

    static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
