package org.pgaw.proxy.guard.gate;

import java.util.Locale;
import java.util.Set;
import org.pgaw.proxy.guard.SqlTokens;
import org.pgaw.proxy.guard.TokenType;

/**
 * {@code EXPLAIN [ANALYZE] [VERBOSE] statement} and {@code EXPLAIN (option [value], ...) statement}. Without ANALYZE
 * PostgreSQL only plans, so EXPLAIN of an UPDATE is a fine thing to learn from; with ANALYZE the statement runs and
 * must be allowed on its own. An ANALYZE option whose value is not plainly false counts as on (fail closed).
 */
final class ExplainHead {
    private static final Set<String> FALSE = Set.of("false", "f", "fa", "fal", "fals", "off", "of", "no", "n", "0");

    private ExplainHead() { }

    /** The index of the explained statement. */
    static int statementStart(SqlTokens t, int explain, int to, Parens parens) {
        int i = explain + 1;
        if (t.is(i, TokenType.LPAREN)) {
            int close = parens.closing(i);
            return close < 0 ? to : close + 1;
        }
        if (t.isWord(i, "ANALYZE") || t.isWord(i, "ANALYSE")) i++;
        if (t.isWord(i, "VERBOSE")) i++;
        return i;
    }

    /** Does the EXPLAIN between {@code explain} and {@code statement} run the statement? */
    static boolean analyzes(SqlTokens t, int explain, int statement, Parens parens) {
        int i = explain + 1;
        if (!t.is(i, TokenType.LPAREN)) {
            return t.isWord(i, "ANALYZE") || t.isWord(i, "ANALYSE");
        }
        if (parens.closing(i) < 0) {
            return true;
        }
        for (int k = i + 1; k < statement - 1; k++) {
            if ((t.isWord(k, "ANALYZE") || t.isWord(k, "ANALYSE")) && !isFalse(t, k + 1)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isFalse(SqlTokens t, int i) {
        String v = t.text(i);
        if (t.is(i, TokenType.STRING) && v.length() >= 2 && v.charAt(0) == '\'') {
            v = v.substring(1, v.length() - 1);
        } else if (!t.is(i, TokenType.WORD) && !t.is(i, TokenType.NUMBER)) {
            return false;
        }
        return v.length() <= 5 && FALSE.contains(v.toLowerCase(Locale.ROOT));
    }
}
