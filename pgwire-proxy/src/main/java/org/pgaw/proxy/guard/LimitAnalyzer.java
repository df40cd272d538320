package org.pgaw.proxy.guard;

/**
 * Decides, from tokens alone, what a statement is and where its row limit goes. Only the statement's outermost level
 * matters for the limit, and PostgreSQL's grammar fixes that level's tail: {@code [ORDER BY] [LIMIT|OFFSET|FETCH]
 * [FOR UPDATE...]} after the last top-level {@code UNION/INTERSECT/EXCEPT}, so expressions the tokens cannot
 * interpret (JSON operators, casts, anything) never disturb the decision. Anything irregular at that level gives
 * {@link Decision#UNPARSEABLE}: the statement then passes through unchanged.
 */
final class LimitAnalyzer {
    private final SqlTokens t;
    private int[] matches;
    private int matchBase;

    private LimitAnalyzer(SqlTokens t) {
        this.t = t;
    }

    /** Plans statement tokens {@code [from, to)}; the plan's token indexes are relative to {@code from}. */
    static LimitPlan plan(SqlTokens t, int from, int to) {
        return new LimitAnalyzer(t).statement(from, to);
    }

    private LimitPlan statement(int a, int b) {
        int first = a;
        while (first < b && t.is(first, TokenType.LPAREN)) {
            first++;
        }
        if (first >= b) {
            return LimitPlan.fixed(Decision.UNPARSEABLE);
        }
        if (t.isWord(first, "EXPLAIN")) {
            return LimitPlan.fixed(Decision.EXPLAIN);
        }
        if (first == a && t.isWord(a, "DECLARE")) {
            return declare(a, b);
        }
        if (isQueryStart(first)) {
            return query(a, b);
        }
        if (isDataModifyingStart(first)) {
            return LimitPlan.fixed(Decision.DATA_MODIFYING);
        }
        return LimitPlan.fixed(Decision.NOT_A_QUERY);
    }

    /** {@code DECLARE name [BINARY] [ASENSITIVE|INSENSITIVE] [[NO] SCROLL] CURSOR [{WITH|WITHOUT} HOLD] FOR query}. */
    private LimitPlan declare(int a, int b) {
        int name = a + 1;
        if (t.identifier(name) == null) {
            return LimitPlan.fixed(Decision.UNPARSEABLE);
        }
        boolean cursor = false;
        int i = name + t.identifierLength(name);
        for (; i < b && !t.isWord(i, "FOR"); i++) {
            if (t.isWord(i, "CURSOR")) {
                cursor = true;
            } else if (!(t.isWord(i, "BINARY") || t.isWord(i, "ASENSITIVE") || t.isWord(i, "INSENSITIVE")
                    || t.isWord(i, "NO") || t.isWord(i, "SCROLL") || t.isWord(i, "WITH") || t.isWord(i, "WITHOUT")
                    || t.isWord(i, "HOLD"))) {
                return LimitPlan.fixed(Decision.UNPARSEABLE);
            }
        }
        if (!cursor || i + 1 >= b) {
            return LimitPlan.fixed(Decision.UNPARSEABLE);
        }
        LimitPlan inner = statement(i + 1, b);
        if (inner.fixed() == Decision.NOT_A_QUERY || inner.fixed() == Decision.DATA_MODIFYING) {
            return LimitPlan.fixed(Decision.UNPARSEABLE);
        }
        return inner.inCursor(i + 1 - a, name - a);
    }

    private LimitPlan query(int a, int b) {
        if (Keywords.endsIncomplete(t, b - 1)) {
            // PostgreSQL rejects it whatever is appended: splicing would only change its error ("at or near LIMIT"
            // instead of "at end of input"); the session's wire cap still holds
            return LimitPlan.fixed(Decision.UNPARSEABLE);
        }
        if (dataModifyingCte(a, b)) {
            return LimitPlan.fixed(Decision.DATA_MODIFYING);
        }
        for (int i = a; i < b; i++) {
            if (t.isWord(i, "INTO") && !t.isWord(i - 1, "AS")) {
                return LimitPlan.fixed(Decision.SELECT_INTO);
            }
        }
        if (CatalogOnly.check(t, a, b)) {
            return LimitPlan.fixed(Decision.CATALOG_ONLY);
        }
        return tail(a, b);
    }

    /** The outermost level's LIMIT / OFFSET / FETCH / FOR clauses, after the last set operation. */
    private LimitPlan tail(int a, int b) {
        int limit = -1;
        int fetch = -1;
        int lock = -1;
        int depth = 0;
        for (int i = a; i < b; i++) {
            TokenType type = t.type(i);
            if (type == TokenType.LPAREN || type == TokenType.LBRACKET) {
                depth++;
            } else if (type == TokenType.RPAREN || type == TokenType.RBRACKET) {
                depth--;
            } else if (depth == 0 && type == TokenType.WORD && !t.isWord(i - 1, "AS")) {
                if (t.isWord(i, "UNION") || t.isWord(i, "INTERSECT") || t.isWord(i, "EXCEPT")) {
                    if (limit >= 0 || fetch >= 0 || lock >= 0) {
                        return LimitPlan.fixed(Decision.UNPARSEABLE);
                    }
                } else if (t.isWord(i, "LIMIT")) {
                    if (limit >= 0) {
                        return LimitPlan.fixed(Decision.UNPARSEABLE);
                    }
                    limit = i;
                } else if (isFetchFirst(i)) {
                    if (fetch >= 0) {
                        return LimitPlan.fixed(Decision.UNPARSEABLE);
                    }
                    fetch = i;
                } else if (lock < 0 && isLockingClause(i)) {
                    lock = i;
                }
            }
            if (depth < 0 || type == TokenType.SEMICOLON) { // a ";" inside parentheses: a syntax error to PostgreSQL
                return LimitPlan.fixed(Decision.UNPARSEABLE);
            }
        }
        if (depth != 0 || (limit >= 0 && fetch >= 0)) {
            return LimitPlan.fixed(Decision.UNPARSEABLE);
        }
        if (limit >= 0) {
            return limitValue(a, limit + 1, clauseEnd(limit + 1, b));
        }
        if (fetch >= 0) {
            return fetchValue(a, fetch + 2, b);
        }
        return lock >= 0 ? LimitPlan.insertBefore(lock - a) : LimitPlan.insertAfter(b - 1 - a);
    }

    private LimitPlan limitValue(int a, int from, int to) {
        if (to <= from) {
            return LimitPlan.fixed(Decision.UNPARSEABLE);
        }
        for (int i = from, depth = 0; i < to; i++) {
            TokenType type = t.type(i);
            depth += type == TokenType.LPAREN || type == TokenType.LBRACKET ? 1
                    : type == TokenType.RPAREN || type == TokenType.RBRACKET ? -1 : 0;
            if (depth == 0 && type == TokenType.COMMA) {
                return LimitPlan.fixed(Decision.UNPARSEABLE);
            }
        }
        return LimitPlan.replace(from - a, to - a, valueForm(from, to), false);
    }

    /** {@code FETCH {FIRST|NEXT} [value] {ROW|ROWS} {ONLY | WITH TIES}}. */
    private LimitPlan fetchValue(int a, int from, int b) {
        int rows = from;
        for (int depth = 0; rows < b; rows++) {
            TokenType type = t.type(rows);
            depth += type == TokenType.LPAREN ? 1 : type == TokenType.RPAREN ? -1 : 0;
            if (depth == 0 && (t.isWord(rows, "ROW") || t.isWord(rows, "ROWS"))) {
                break;
            }
        }
        if (rows >= b) {
            return LimitPlan.fixed(Decision.UNPARSEABLE);
        }
        boolean withTies = t.isWord(rows + 1, "WITH") && t.isWord(rows + 2, "TIES");
        if (!withTies && !t.isWord(rows + 1, "ONLY")) {
            return LimitPlan.fixed(Decision.UNPARSEABLE);
        }
        LimitPlan.ValueForm form = rows == from ? LimitPlan.ValueForm.IMPLICIT_ONE : valueForm(from, rows);
        if (form == LimitPlan.ValueForm.ALL_OR_NULL) {
            form = LimitPlan.ValueForm.EXPRESSION;
        }
        return LimitPlan.replace(from - a, rows - a, form, withTies);
    }

    private LimitPlan.ValueForm valueForm(int from, int to) {
        if (to == from + 1) {
            if (t.is(from, TokenType.NUMBER)) {
                return LimitPlan.ValueForm.NUMBER;
            }
            if (t.isWord(from, "ALL") || t.isWord(from, "NULL")) {
                return LimitPlan.ValueForm.ALL_OR_NULL;
            }
        }
        return LimitPlan.ValueForm.EXPRESSION;
    }

    /** Where a LIMIT value ends: at the next top-level OFFSET, FETCH or locking clause. */
    private int clauseEnd(int from, int b) {
        int depth = 0;
        for (int i = from; i < b; i++) {
            TokenType type = t.type(i);
            if (type == TokenType.LPAREN || type == TokenType.LBRACKET) {
                depth++;
            } else if (type == TokenType.RPAREN || type == TokenType.RBRACKET) {
                depth--;
            } else if (depth == 0 && (t.isWord(i, "OFFSET") || isFetchFirst(i) || isLockingClause(i))) {
                return i;
            }
        }
        return b;
    }

    private boolean isFetchFirst(int i) {
        return t.isWord(i, "FETCH") && (t.isWord(i + 1, "FIRST") || t.isWord(i + 1, "NEXT"));
    }

    private boolean isLockingClause(int i) {
        return t.isWord(i, "FOR") && (t.isWord(i + 1, "UPDATE") || t.isWord(i + 1, "SHARE")
                || t.isWord(i + 1, "NO") || t.isWord(i + 1, "KEY") || t.isWord(i + 1, "READ"));
    }

    private boolean isQueryStart(int i) {
        return t.isWord(i, "SELECT") || t.isWord(i, "WITH") || t.isWord(i, "VALUES") || t.isWord(i, "TABLE");
    }

    private boolean isDataModifyingStart(int i) {
        return t.isWord(i, "INSERT") || t.isWord(i, "UPDATE") || t.isWord(i, "DELETE") || t.isWord(i, "MERGE");
    }

    /**
     * Any CTE whose body (the first word inside {@code AS [NOT] [MATERIALIZED] (}) is a data-modifying statement,
     * at any depth, and a WITH whose main statement (the word after the last CTE's closing parenthesis) is one.
     * A column definition list ({@code json_to_record(j) AS (update int)}) is not a CTE body: it is recognised by
     * what precedes {@code AS} and by what a data-modifying statement needs after its first word.
     */
    private boolean dataModifyingCte(int a, int b) {
        matches = null;
        matchBase = a;
        for (int i = a; i < b; i++) {
            if (t.is(i, TokenType.LPAREN) && isCteBodyOpen(i)) {
                int first = i + 1;
                while (t.is(first, TokenType.LPAREN)) {
                    first++;
                }
                int close = matchingParen(i, b);
                if (isDataModifying(first, b) || isDataModifying(close + 1, b)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * {@code INSERT INTO}, {@code DELETE FROM}, {@code MERGE INTO}, or {@code UPDATE [ONLY] name [*] [[AS] alias]
     * SET}: the word alone may be a column named {@code update} in a column definition list.
     */
    private boolean isDataModifying(int i, int b) {
        if (t.isWord(i, "INSERT") || t.isWord(i, "MERGE")) {
            return t.isWord(i + 1, "INTO");
        }
        if (t.isWord(i, "DELETE")) {
            return t.isWord(i + 1, "FROM");
        }
        if (t.isWord(i, "UPDATE")) {
            for (int k = i + 1; k < b && k <= i + 12; k++) {
                if (t.isWord(k, "SET")) {
                    return true;
                }
                if (!(t.is(k, TokenType.WORD) || t.is(k, TokenType.QUOTED_IDENT) || t.is(k, TokenType.DOT)
                        || t.is(k, TokenType.OPERATOR) || t.is(k, TokenType.STRING))) {
                    return false;
                }
            }
        }
        return false;
    }

    /** The index of the {@code )} closing the {@code (} at {@code open}, or {@code b} when it is not closed. */
    private int matchingParen(int open, int b) {
        if (matches == null) {
            matches = matchParens(b);
        }
        int m = matches[open - matchBase];
        return m < 0 ? b : m;
    }

    /** One pass with a stack, so that many CTEs cost linear time, not quadratic. */
    private int[] matchParens(int b) {
        int[] out = new int[b - matchBase];
        java.util.Arrays.fill(out, -1);
        int[] stack = new int[16];
        int top = 0;
        for (int i = matchBase; i < b; i++) {
            if (t.is(i, TokenType.LPAREN)) {
                if (top == stack.length) {
                    stack = java.util.Arrays.copyOf(stack, top * 2);
                }
                stack[top++] = i;
            } else if (t.is(i, TokenType.RPAREN) && top > 0) {
                out[stack[--top] - matchBase] = i;
            }
        }
        return out;
    }

    /**
     * {@code WITH [RECURSIVE] name [(col, ...)] AS [NOT] [MATERIALIZED] (} and the same after a comma; not the
     * {@code AS (} of a function's column definition list ({@code FROM f(x) AS (a int)}).
     */
    private boolean isCteBodyOpen(int lparen) {
        int i = lparen - 1;
        if (t.isWord(i, "MATERIALIZED")) {
            i--;
        }
        if (t.isWord(i, "NOT")) {
            i--;
        }
        if (!t.isWord(i, "AS")) {
            return false;
        }
        int name = i - 1;
        if (t.is(name, TokenType.RPAREN)) {
            int k = name - 1;
            while (k > matchBase && (isName(k) || t.is(k, TokenType.COMMA))) {
                k--;
            }
            if (!t.is(k, TokenType.LPAREN)) {
                return false;
            }
            name = k - 1;
        }
        return isName(name) && (t.isWord(name - 1, "WITH") || t.isWord(name - 1, "RECURSIVE")
                || t.is(name - 1, TokenType.COMMA));
    }

    private boolean isName(int i) {
        return (t.is(i, TokenType.WORD) && !t.is(i - 1, TokenType.DOT)) || t.is(i, TokenType.QUOTED_IDENT);
    }
}
