package org.pgaw.proxy.guard;

import java.util.Locale;
import java.util.Set;

/**
 * Client encodings a guarded session refuses: those whose multibyte characters may contain the ASCII bytes of a quote
 * or a backslash ({@code 0x27}, {@code 0x5C}...) as a trailing byte: SJIS, SHIFT_JIS_2004, BIG5, GBK, GB18030, UHC
 * and JOHAB, PostgreSQL's client-only encodings. With one of them in force PostgreSQL's scanner reads such a byte as
 * part of a character while a byte-oriented reading sees a quote, so the proxy's lexer could end a string where
 * PostgreSQL does not. Refusing them (the simplest fail-closed rule) keeps every other encoding ASCII-safe:
 * there, bytes below 0x80 are always ASCII characters, which is all the lexer relies on.
 */
public final class UnsafeClientEncoding {
    /** Every spelling PostgreSQL accepts for them (encnames.c), compared as PostgreSQL does: alphanumerics only. */
    private static final Set<String> UNSAFE = Set.of(
            "sjis", "shiftjis", "mskanji", "win932", "windows932", "cp932", "shiftjis2004",
            "big5", "win950", "windows950", "cp950",
            "gbk", "win936", "windows936", "cp936",
            "gb18030",
            "uhc", "win949", "windows949", "cp949",
            "johab");

    private UnsafeClientEncoding() { }

    /** Is {@code name} (a {@code client_encoding} value as a client sends it) one of the refused encodings? */
    public static boolean isUnsafe(String name) {
        return name != null && UNSAFE.contains(clean(name));
    }

    /**
     * Does {@code text} contain the name of an unsafe encoding anywhere (after {@link #clean}: letters and digits
     * only)? For texts the caller does not parse, such as a StartupMessage's {@code options}: fail closed.
     */
    public static boolean mentionsUnsafe(String text) {
        if (text == null) return false;
        String cleaned = clean(text);
        for (String name : UNSAFE) {
            if (cleaned.contains(name)) return true;
        }
        return false;
    }

    /** The learner-facing refusal, for a SET at run time or the {@code client_encoding} startup parameter. */
    public static Refusal refusal(String name) {
        return new Refusal("0A000", "pgaw: the client encoding \"" + name + "\" is not supported by the practice server",
                "In " + name + " some characters contain the bytes of a quote or a backslash, which the server's"
                        + " guards cannot read safely.",
                "Use UTF8 (in psql: \\encoding UTF8).");
    }

    /** PostgreSQL's clean_encoding_name: lower case, letters and digits only. */
    static String clean(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                sb.append(c);
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
