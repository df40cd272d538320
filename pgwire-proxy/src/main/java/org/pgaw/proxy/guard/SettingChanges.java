package org.pgaw.proxy.guard;

/**
 * The two settings that change how PostgreSQL reads the bytes of later statements, followed statement by statement:
 * {@code client_encoding} (an ASCII-unsafe one is refused: {@link UnsafeClientEncoding}) and
 * {@code standard_conforming_strings} (whether a backslash escapes a quote in {@code '...'}). The session only learns
 * a new value from ParameterStatus after the statement ran, too late for a later statement of the same Query or
 * pipeline, so the rewrite reads the SETs itself. Where it cannot know the value (RESET, a transaction end, EXECUTE of
 * a prepared statement, set_config with computed arguments...) it says "unknown" and the lexer must not depend on it.
 */
final class SettingChanges {
    private SettingChanges() { }

    /**
     * True for the statements that certainly touch neither setting, decided in one cheap pass (most statements):
     * no first word that sets, resets or runs code defined elsewhere, and no token spelled like {@code set_config} or
     * {@code standard_conforming_strings} (by length first).
     */
    static boolean quiet(SqlTokens t, int a, int b) {
        if (t.is(a, TokenType.WORD) && t.end(a) - t.start(a) <= 8 && "SRDCEAPFM".indexOf(
                Character.toUpperCase(t.sql().charAt(t.start(a)))) >= 0 && !t.isWord(a, "SELECT")) {
            return false;
        }
        for (int i = a; i < b; i++) {
            TokenType type = t.type(i);
            // Only names and strings can spell them: a number's characters are not even read, so that the decision
            // for "... WHERE aid = 42" holds for every number there (QueryShapes caches it by shape).
            if (type != TokenType.WORD && type != TokenType.QUOTED_IDENT && type != TokenType.STRING) {
                continue;
            }
            int len = t.end(i) - t.start(i);
            if (len == 10 || len == 12 || len == 27 || len == 29) {
                int first = t.start(i) + (type == TokenType.WORD ? 0 : 1); // both names start with "s"
                if ((t.sql().charAt(first) | 0x20) == 's') {
                    return false;
                }
            } else if (type == TokenType.QUOTED_IDENT && t.sql().charAt(t.start(i)) != '"') {
                return false; // U&"s\0065t_config": any length
            }
        }
        return true;
    }

    /**
     * The refusal for a statement that would switch to an ASCII-unsafe client encoding, or that calls
     * {@code set_config} with a setting name or a client_encoding value the tokens cannot read; null otherwise.
     */
    static Refusal clientEncoding(SqlTokens t, int a, int b) {
        if (isSet(t, a, b, "CLIENT_ENCODING") || (t.isWord(a, "SET") && t.isWord(a + 1, "NAMES"))) {
            int v = t.isWord(a + 1, "NAMES") ? a + 2 : valueOfSet(t, a, b);
            String value = v < 0 || v + 1 != b ? null : plainValue(t, v);
            if (value == null) {
                return v >= 0 && v + 1 == b && t.isWord(v, "DEFAULT") ? null : unreadable();
            }
            return UnsafeClientEncoding.isUnsafe(value) ? UnsafeClientEncoding.refusal(value) : null;
        }
        for (int i = a; i < b; i++) {
            if (isSetConfigCall(t, i)) {
                String name = literalArgument(t, i + 2);
                if (name == null) {
                    return unreadable();
                }
                if (name.equalsIgnoreCase("client_encoding")) {
                    String value = literalArgument(t, i + 4);
                    if (value == null) {
                        return unreadable();
                    }
                    if (UnsafeClientEncoding.isUnsafe(value)) {
                        return UnsafeClientEncoding.refusal(value);
                    }
                }
            }
        }
        return null;
    }

    /** What statement {@code [a, b)} does to standard_conforming_strings. */
    static ScsEffect standardConformingStrings(SqlTokens t, int a, int b) {
        if (isSet(t, a, b, "STANDARD_CONFORMING_STRINGS")) {
            int v = valueOfSet(t, a, b);
            Boolean on = v < 0 || v + 1 != b ? null : bool(plainValue(t, v));
            return on == null ? ScsEffect.UNKNOWN : on ? ScsEffect.ON : ScsEffect.OFF;
        }
        if (t.isWord(a, "RESET") || t.isWord(a, "DISCARD") || t.isWord(a, "COMMIT") || t.isWord(a, "END")
                || t.isWord(a, "ROLLBACK") || t.isWord(a, "ABORT") || t.isWord(a, "PREPARE") && t.isWord(a + 1, "TRANSACTION")
                || t.isWord(a, "EXECUTE") || t.isWord(a, "FETCH") || t.isWord(a, "MOVE") || t.isWord(a, "CALL")
                || t.isWord(a, "DO") || t.isWord(a, "RELEASE")) {
            return ScsEffect.UNKNOWN; // restores or runs code defined elsewhere: the value may change unseen
        }
        ScsEffect effect = ScsEffect.UNCHANGED;
        for (int i = a; i < b; i++) {
            if (isSetConfigCall(t, i)) {
                String name = literalArgument(t, i + 2);
                if (name == null) {
                    return ScsEffect.UNKNOWN;
                }
                if (name.equalsIgnoreCase("standard_conforming_strings")) {
                    Boolean on = bool(literalArgument(t, i + 4));
                    effect = on == null || effect != ScsEffect.UNCHANGED ? ScsEffect.UNKNOWN : on ? ScsEffect.ON : ScsEffect.OFF;
                }
            } else if (mentions(t, i, "standard_conforming_strings")) {
                return ScsEffect.UNKNOWN;
            }
        }
        return effect;
    }

    /** {@code SET [SESSION | LOCAL] name {TO | =} ...}. */
    private static boolean isSet(SqlTokens t, int a, int b, String name) {
        if (!t.isWord(a, "SET")) {
            return false;
        }
        int i = t.isWord(a + 1, "SESSION") || t.isWord(a + 1, "LOCAL") ? a + 2 : a + 1;
        return i < b && (t.isWord(i, name) || (t.is(i, TokenType.QUOTED_IDENT) && name.equalsIgnoreCase(t.identifier(i))));
    }

    /** The first value token of a {@code SET name TO value}, or -1. */
    private static int valueOfSet(SqlTokens t, int a, int b) {
        for (int i = a + 1; i < b; i++) {
            if (t.isWord(i, "TO") || (t.is(i, TokenType.OPERATOR) && t.text(i).equals("="))) {
                return i + 1 < b ? i + 1 : -1;
            }
        }
        return -1;
    }

    /** A value PostgreSQL reads without interpretation: a word, a quoted name, a plain {@code '...'} string. */
    private static String plainValue(SqlTokens t, int i) {
        if (t.is(i, TokenType.WORD)) {
            return t.text(i);
        }
        if (t.is(i, TokenType.QUOTED_IDENT)) {
            return t.identifier(i);
        }
        if (t.is(i, TokenType.NUMBER)) {
            return t.text(i);
        }
        String s = t.is(i, TokenType.STRING) ? t.text(i) : null;
        if (s == null || s.length() < 2 || s.charAt(0) != '\'' || s.indexOf('\\') >= 0) {
            return null; // E'\x53JIS', U&'...', $$...$$: not worth decoding, refused as unreadable
        }
        return s.substring(1, s.length() - 1).replace("''", "'");
    }

    /** {@code [pg_catalog.]set_config (} at token {@code i} (the name), quoted or not. */
    private static boolean isSetConfigCall(SqlTokens t, int i) {
        return t.is(i + 1, TokenType.LPAREN) && mentions(t, i, "set_config")
                && (!t.is(i - 1, TokenType.DOT) || "pg_catalog".equals(t.identifier(i - 2)));
    }

    private static boolean mentions(SqlTokens t, int i, String lowerName) {
        TokenType type = t.type(i);
        if (type != TokenType.WORD && type != TokenType.QUOTED_IDENT && type != TokenType.STRING) {
            return false;
        }
        int len = t.end(i) - t.start(i);
        boolean unicode = type == TokenType.QUOTED_IDENT && t.sql().charAt(t.start(i)) != '"'; // U&"..." decodes
        if (!unicode && len != lowerName.length() + (type == TokenType.WORD ? 0 : 2)) {
            return false; // PostgreSQL takes setting and function names exactly: no spaces, no escapes
        }
        String id = type == TokenType.WORD ? t.text(i) : type == TokenType.QUOTED_IDENT ? t.identifier(i) : plainValue(t, i);
        return id != null && id.equalsIgnoreCase(lowerName);
    }

    /** A function argument that is exactly one plain string literal followed by {@code ,} or {@code )}, or null. */
    private static String literalArgument(SqlTokens t, int i) {
        if (!(t.is(i + 1, TokenType.COMMA) || t.is(i + 1, TokenType.RPAREN))) {
            return null;
        }
        return t.is(i, TokenType.STRING) ? plainValue(t, i) : null;
    }

    /** PostgreSQL's parse_bool, or null. */
    static Boolean bool(String v) {
        if (v == null) {
            return null;
        }
        String s = v.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.isEmpty()) {
            return null;
        }
        if ("true".startsWith(s) || "yes".startsWith(s) || s.equals("on") || s.equals("1")) {
            return true;
        }
        if ("false".startsWith(s) || "no".startsWith(s) || (s.length() >= 2 && "off".startsWith(s)) || s.equals("0")) {
            return false;
        }
        return null;
    }

    private static Refusal unreadable() {
        return new Refusal("0A000", "pgaw: write the setting's name and the encoding as plain quoted text here",
                "The practice server must be able to read which client encoding a statement sets.",
                "For example: SET client_encoding = 'UTF8'");
    }
}
