package org.pgaw.proxy.guard.gate;

import java.util.EnumSet;
import java.util.Set;
import org.pgaw.proxy.guard.SqlTokens;
import org.pgaw.proxy.guard.TokenType;

/**
 * Deny by default, from the tokens of one statement: its leading keyword says what it is (after leading
 * parentheses, and through EXPLAIN, PREPARE ... AS and DECLARE ... FOR to the statement they carry), then
 * {@link NestedRules} looks at every token for what hides inside. Linear in the tokens, no regular expressions,
 * no recursion (so a megabyte of {@code EXPLAIN EXPLAIN ...} costs one loop, not the stack).
 */
public final class StatementClassifier {
    private StatementClassifier() { }

    /**
     * The first reason to refuse tokens {@code [from, to)} of {@code t} that {@code allowed} does not cover, or null
     * when the statement may run.
     */
    public static GateFinding classify(SqlTokens t, int from, int to, Set<GateCategory> allowed) {
        if (from >= to) {
            return null;
        }
        Parens parens = new Parens(t, from, to);
        Set<GateCategory> effective = allowed;
        int i = from;
        while (true) {
            while (i < to && t.is(i, TokenType.LPAREN)) i++;
            if (i >= to) return null;
            if (t.isWord(i, "EXPLAIN")) {
                int inner = ExplainHead.statementStart(t, i, to, parens);
                if (!ExplainHead.analyzes(t, i, inner, parens) && !effective.contains(GateCategory.DML)) {
                    effective = EnumSet.copyOf(allowedPlus(effective, GateCategory.DML));
                }
                i = inner;
            } else if (t.isWord(i, "PREPARE")) {
                if (t.isWord(i + 1, "TRANSACTION") && t.is(i + 2, TokenType.STRING)) {
                    return refusedUnlessAllowed(new GateFinding(GateCategory.SERVER, "PREPARE TRANSACTION"), effective);
                }
                int as = preparedStatementStart(t, i, to, parens);
                if (as < 0) return null; // not a complete PREPARE: PostgreSQL answers with a syntax error
                i = as;
            } else if (t.isWord(i, "DECLARE")) {
                int forWord = firstWord(t, i + 2, to, "FOR");
                if (forWord < 0) return null;
                if (withHold(t, i + 2, forWord) && !effective.contains(GateCategory.HOLD_CURSORS)) {
                    return new GateFinding(GateCategory.HOLD_CURSORS, "DECLARE ... WITH HOLD");
                }
                i = forWord + 1;
            } else {
                break;
            }
        }
        GateFinding head = StatementKinds.head(t, i, to, parens);
        if (head != null && !effective.contains(head.category())) {
            return head;
        }
        return new NestedRules(t, parens, effective).scan(i, to);
    }

    private static Set<GateCategory> allowedPlus(Set<GateCategory> allowed, GateCategory extra) {
        EnumSet<GateCategory> s = EnumSet.noneOf(GateCategory.class);
        s.addAll(allowed);
        s.add(extra);
        return s;
    }

    private static GateFinding refusedUnlessAllowed(GateFinding f, Set<GateCategory> allowed) {
        return allowed.contains(f.category()) ? null : f;
    }

    /** {@code PREPARE name [(types)] AS statement}: the index of the statement, or -1. */
    private static int preparedStatementStart(SqlTokens t, int prepare, int to, Parens parens) {
        int i = prepare + 1;
        if (!Names.isName(t, i)) return -1;
        i++;
        if (t.is(i, TokenType.LPAREN)) {
            i = parens.closing(i);
            if (i < 0) return -1;
            i++;
        }
        return t.isWord(i, "AS") && i + 1 < to ? i + 1 : -1;
    }

    /**
     * {@code WITH HOLD} among a DECLARE's options (between its name and FOR): such a cursor is materialised at
     * commit and lives on with the session, its rows in memory and temp files (up to temp_file_limit per session).
     */
    private static boolean withHold(SqlTokens t, int from, int forWord) {
        for (int i = from; i + 1 < forWord; i++) {
            if (t.isWord(i, "WITH") && t.isWord(i + 1, "HOLD")) return true;
        }
        return false;
    }

    private static int firstWord(SqlTokens t, int from, int to, String word) {
        for (int i = from; i < to; i++) {
            if (t.isWord(i, word)) return i;
            if (t.is(i, TokenType.LPAREN)) return -1; // DECLARE's options have no parentheses before FOR
        }
        return -1;
    }
}
