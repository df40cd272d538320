package org.pgaw.proxy.guard.gate;

import java.util.Set;
import org.pgaw.proxy.guard.SqlTokens;
import org.pgaw.proxy.guard.TokenType;

/**
 * The rules that look at every token of a statement, wherever it sits: calls of functions that are not for learners,
 * data-modifying statements inside parentheses ({@code WITH x AS (DELETE ...)}, {@code COPY (UPDATE ...) TO}), the
 * statement that follows a WITH list ({@code WITH x AS (...) INSERT ...}), and {@code SELECT ... INTO}. Keywords
 * used as names ({@code s.update}, {@code AS into}, {@code AS (update int)}) are told apart by the grammar's shape.
 */
final class NestedRules {
    private final SqlTokens t;
    private final Parens parens;
    private final Set<GateCategory> allowed;

    NestedRules(SqlTokens t, Parens parens, Set<GateCategory> allowed) {
        this.t = t;
        this.parens = parens;
        this.allowed = allowed;
    }

    /** The first finding in {@code [from, to)} that is not allowed, or null. One pass: linear in the tokens. */
    GateFinding scan(int from, int to) {
        for (int i = from; i < to; i++) {
            GateFinding f = at(i, to);
            if (f != null && !allowed.contains(f.category())) {
                return f;
            }
        }
        return null;
    }

    private GateFinding at(int i, int to) {
        TokenType type = t.type(i);
        if (type == TokenType.LPAREN) {
            return i + 1 < to ? writeAt(i + 1) : null;
        }
        if (type != TokenType.WORD && type != TokenType.QUOTED_IDENT) {
            return null;
        }
        if (i + 1 < to && t.is(i + 1, TokenType.LPAREN)) {
            GateFinding f = FunctionRules.call(t, i);
            if (f != null) return f;
        } else if (isFieldSelection(i)) {
            GateFinding f = FunctionRules.fieldCall(t, i);
            if (f != null) return f;
        }
        if (t.isWord(i, "WITH")) {
            int main = mainAfterWith(i, to);
            if (main >= 0 && isWriteKeyword(main)) {
                GateFinding f = writeAt(main);
                return f != null ? f : new GateFinding(GateCategory.DML, Names.keyword(t, main));
            }
        }
        if (t.isWord(i, "INTO") && !t.is(i - 1, TokenType.DOT) && !t.isWord(i - 1, "AS")
                && !t.isWord(i - 1, "INSERT") && !t.isWord(i - 1, "MERGE")) {
            return new GateFinding(GateCategory.DDL, "SELECT ... INTO");
        }
        return null;
    }

    /**
     * Token {@code i} follows {@code ).} or {@code ].}: PostgreSQL reads {@code (expr).name} as the field
     * {@code name} of a composite value or, failing that, as the call {@code name(expr)} of a one-argument function
     * (parse_func.c's "column projection"): {@code (1::bigint).pg_advisory_lock} is
     * {@code pg_advisory_lock(1::bigint)}. ({@code a.b.name} with plain names is a schema, table or column, never a
     * call: PostgreSQL reads a composite column's field only through parentheses.)
     */
    private boolean isFieldSelection(int i) {
        return t.is(i - 1, TokenType.DOT) && (t.is(i - 2, TokenType.RPAREN) || t.is(i - 2, TokenType.RBRACKET));
    }

    private boolean isWriteKeyword(int i) {
        return t.isWord(i, "INSERT") || t.isWord(i, "UPDATE") || t.isWord(i, "DELETE") || t.isWord(i, "MERGE");
    }

    /**
     * A data-modifying statement starting at {@code i}, recognised by its grammar ({@code INSERT INTO},
     * {@code DELETE FROM}, {@code MERGE INTO}, {@code UPDATE [ONLY] name [*] [[AS] alias] SET}), so that a column
     * named {@code update} is not one.
     */
    GateFinding writeAt(int i) {
        if ((t.isWord(i, "INSERT") || t.isWord(i, "MERGE")) && t.isWord(i + 1, "INTO")
                || t.isWord(i, "DELETE") && t.isWord(i + 1, "FROM")) {
            return new GateFinding(GateCategory.DML, Names.keyword(t, i));
        }
        if (!t.isWord(i, "UPDATE")) {
            return null;
        }
        int j = i + 1;
        if (t.isWord(j, "ONLY")) j++;
        if (!Names.isName(t, j)) return null;
        int table = j++;
        while (t.is(j, TokenType.DOT) && Names.isName(t, j + 1)) {
            table = j + 1;
            j += 2;
        }
        if (t.is(j, TokenType.OPERATOR) && t.text(j).equals("*")) j++;
        if (t.isWord(j, "AS")) j++;
        if (Names.isName(t, j) && !t.isWord(j, "SET")) j++;
        if (!t.isWord(j, "SET")) return null;
        if ("pg_settings".equals(Names.of(t, table))) {
            return new GateFinding(GateCategory.GUARD_SETTINGS, "UPDATE pg_settings");
        }
        return new GateFinding(GateCategory.DML, "UPDATE");
    }

    /**
     * Reads {@code WITH [RECURSIVE] name [(cols)] AS [NOT] [MATERIALIZED] (...) [SEARCH ...] [CYCLE ...], ...} from
     * the WITH at {@code w} and returns the index of the statement it belongs to, or -1 when this WITH does not start
     * a list of common table expressions ({@code WITH TIME ZONE}, {@code WITH ORDINALITY}, {@code WITH (FORMAT csv)}).
     */
    int mainAfterWith(int w, int to) {
        int i = w + 1;
        if (t.isWord(i, "RECURSIVE")) i++;
        while (i < to) {
            if (!Names.isName(t, i)) return -1;
            i++;
            if (t.is(i, TokenType.LPAREN)) {
                i = parens.closing(i);
                if (i < 0) return -1;
                i++;
            }
            if (!t.isWord(i, "AS")) return -1;
            i++;
            if (t.isWord(i, "NOT")) i++;
            if (t.isWord(i, "MATERIALIZED")) i++;
            if (!t.is(i, TokenType.LPAREN)) return -1;
            i = parens.closing(i);
            if (i < 0) return -1;
            i++;
            i = afterSearchAndCycle(i, to);
            if (!t.is(i, TokenType.COMMA)) return i < to ? i : -1;
            i++;
        }
        return -1;
    }

    /**
     * Steps over {@code SEARCH ... SET col} and {@code CYCLE ... SET col [TO v DEFAULT v] USING col}; these hold only
     * names, commas and constants, so a parenthesis or another WITH means "not a CTE list" ({@code to}), which also
     * keeps a text of many unfinished CYCLE clauses linear.
     */
    private int afterSearchAndCycle(int i, int to) {
        while (t.isWord(i, "SEARCH") || t.isWord(i, "CYCLE")) {
            String end = t.isWord(i, "SEARCH") ? "SET" : "USING";
            i++;
            while (i < to && !t.isWord(i, end)) {
                if (t.is(i, TokenType.LPAREN) || t.isWord(i, "WITH") || t.is(i, TokenType.SEMICOLON)) return to;
                i++;
            }
            i += 2;
        }
        return i;
    }
}
