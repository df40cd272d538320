package org.pgaw.proxy.guard;

import java.util.HashSet;
import java.util.Set;

/**
 * Is a query "catalog-only": does it reference at least one relation, and is every relation it reads (at any depth:
 * FROM lists, JOINs, subqueries, {@code TABLE t}) in {@code pg_catalog} or {@code information_schema}, an unqualified
 * {@code pg_*} name, or one of its own CTEs, and is every function it calls, anywhere, on the allow-list of
 * {@link CatalogFunctions}? So {@code query_to_xml('SELECT * FROM sales.customer', ...)},
 * {@code table_to_xml('sales.customer'::regclass, ...)} and {@code FROM generate_series(1, 1e9)} are not. Catalog-only
 * results still get a (higher) cap from the session: this only tells pgAdmin's own queries apart.
 *
 * <p>Errs towards "no": a relation position it cannot read makes the query an ordinary, row-limited one.
 */
final class CatalogOnly {
    private static final int MAX_DEPTH = 256;
    private static final String[] FROM_LIST_ENDERS = {"WHERE", "GROUP", "HAVING", "WINDOW", "ORDER", "LIMIT",
        "OFFSET", "FETCH", "FOR", "UNION", "INTERSECT", "EXCEPT", "RETURNING", "SELECT", "VALUES"};

    private final SqlTokens t;
    private final int a;
    private final int b;
    private final Set<String> cteNames = new HashSet<>();
    private int relations;

    private CatalogOnly(SqlTokens t, int a, int b) {
        this.t = t;
        this.a = a;
        this.b = b;
    }

    static boolean check(SqlTokens t, int from, int to) {
        return new CatalogOnly(t, from, to).run();
    }

    private boolean run() {
        collectCteNames();
        boolean[] fromList = new boolean[MAX_DEPTH];
        int[] opener = new int[MAX_DEPTH];
        int depth = 0;
        for (int i = a; i < b; i++) {
            TokenType type = t.type(i);
            if (type == TokenType.LPAREN || type == TokenType.LBRACKET) {
                if (type == TokenType.LPAREN && !callIsSafe(i - 1)) {
                    return false;
                }
                if (++depth >= MAX_DEPTH) {
                    return false;
                }
                fromList[depth] = false;
                opener[depth] = i - 1;
            } else if (type == TokenType.RPAREN || type == TokenType.RBRACKET) {
                if (--depth < 0) {
                    return false;
                }
            } else if (t.isWord(i, "FROM")) {
                if (t.isWord(i - 1, "DISTINCT") || (depth > 0 && isSpecialFunction(opener[depth]))) {
                    continue;
                }
                fromList[depth] = true;
                if (!relation(i + 1)) {
                    return false;
                }
            } else if (t.isWord(i, "JOIN") || t.isWord(i, "TABLE")) {
                if (!relation(i + 1)) {
                    return false;
                }
            } else if (type == TokenType.COMMA && fromList[depth]) {
                if (!relation(i + 1)) {
                    return false;
                }
            } else if (type == TokenType.WORD && endsFromList(i)) {
                fromList[depth] = false;
            }
        }
        return relations > 0;
    }

    /** {@code WITH [RECURSIVE] name [(cols)] AS [NOT] [MATERIALIZED] (} and the same after a comma. */
    private void collectCteNames() {
        for (int i = a; i < b; i++) {
            boolean afterWith = t.isWord(i - 1, "WITH") || t.isWord(i - 1, "RECURSIVE") || t.is(i - 1, TokenType.COMMA);
            if (!afterWith || !(t.is(i, TokenType.WORD) || t.is(i, TokenType.QUOTED_IDENT))) {
                continue;
            }
            int j = i + 1;
            if (t.is(j, TokenType.LPAREN)) {
                j++;
                while (j < b && (t.is(j, TokenType.WORD) || t.is(j, TokenType.QUOTED_IDENT) || t.is(j, TokenType.COMMA))) {
                    j++;
                }
                if (!t.is(j, TokenType.RPAREN)) {
                    continue;
                }
                j++;
            }
            if (!t.isWord(j, "AS")) {
                continue;
            }
            j++;
            if (t.isWord(j, "NOT")) {
                j++;
            }
            if (t.isWord(j, "MATERIALIZED")) {
                j++;
            }
            if (t.is(j, TokenType.LPAREN)) {
                cteNames.add(t.identifier(i));
            }
        }
    }

    /** Reads one FROM item at {@code i}; true when it is a catalog relation, a subquery or a catalog function. */
    private boolean relation(int i) {
        while (true) {
            while (t.isWord(i, "LATERAL") || t.isWord(i, "ONLY")) {
                i++;
            }
            if (!t.is(i, TokenType.LPAREN)) {
                break;
            }
            i++;
            if (t.isWord(i, "SELECT") || t.isWord(i, "VALUES") || t.isWord(i, "WITH") || t.isWord(i, "TABLE")) {
                return true;
            }
        }
        if (i >= b) {
            return false;
        }
        if (t.isWord(i, "ROWS") && t.isWord(i + 1, "FROM")) {
            return true;
        }
        if (!isName(i)) {
            return false;
        }
        String schema = null;
        String name = t.identifier(i);
        int j = i;
        while (t.is(j + 1, TokenType.DOT) && isName(j + 2)) {
            schema = name;
            name = t.identifier(j + 2);
            j += 2;
        }
        if (schema == null && cteNames.contains(name) && !t.is(j + 1, TokenType.LPAREN)) {
            return true;
        }
        relations++;
        boolean inCatalogSchema = "pg_catalog".equals(schema) || "information_schema".equals(schema);
        if (t.is(j + 1, TokenType.LPAREN)) {
            // a function in FROM is a catalog relation only when it is a pg_* catalog function on the allow-list
            // (pg_show_all_settings(), pg_get_keywords()) or an information_schema one; unnest(...) is not
            return CatalogFunctions.isSafe(schema, name)
                    && (name.startsWith("pg_") || "information_schema".equals(schema));
        }
        return inCatalogSchema || (schema == null && name.startsWith("pg_"));
    }

    /**
     * Is the {@code (} after token {@code i} harmless: not a function call, or a call of a catalog-safe function
     * ({@link CatalogFunctions})? Grammar words before a parenthesis ({@code IN (}, {@code OVER (}, {@code CAST (},
     * {@code EXISTS (}...) and type modifiers ({@code ::numeric(10, 2)}, {@code AS varchar(20)}) are not calls.
     */
    private boolean callIsSafe(int i) {
        if (t.is(i, TokenType.QUOTED_IDENT)) {
            return isQualifiedCallSafe(i);
        }
        if (!t.is(i, TokenType.WORD)) {
            return true; // "((", ", (", "= (": grouping, not a call
        }
        if (t.is(i - 1, TokenType.DOT)) {
            return isQualifiedCallSafe(i);
        }
        if ((t.is(i - 1, TokenType.OPERATOR) && t.text(i - 1).equals("::")) || t.isWord(i - 1, "AS")
                || Keywords.isReserved(t, i) || Keywords.isExpressionSyntax(t, i)) {
            return true;
        }
        return CatalogFunctions.isSafe(null, t.identifier(i));
    }

    private boolean isQualifiedCallSafe(int i) {
        String name = t.identifier(i);
        if (name == null) {
            return false;
        }
        if (!t.is(i - 1, TokenType.DOT)) {
            return CatalogFunctions.isSafe(null, name);
        }
        String schema = isName(i - 2) ? t.identifier(i - 2) : null;
        if (schema == null || t.is(i - 3, TokenType.DOT)) {
            return false; // (expr).f( or db.schema.f(: not a plain catalog call
        }
        return CatalogFunctions.isSafe(schema, name);
    }

    private boolean isName(int i) {
        return (t.is(i, TokenType.WORD) || (t.is(i, TokenType.QUOTED_IDENT) && t.sql().charAt(t.start(i)) == '"'))
                && t.identifier(i) != null;
    }

    /** {@code EXTRACT(f FROM x)}, {@code SUBSTRING(s FROM 2)}, {@code TRIM(BOTH FROM s)}... use FROM as a keyword. */
    private boolean isSpecialFunction(int word) {
        return t.isWord(word, "EXTRACT") || t.isWord(word, "SUBSTRING") || t.isWord(word, "TRIM")
                || t.isWord(word, "OVERLAY") || t.isWord(word, "POSITION") || t.isWord(word, "NORMALIZE");
    }

    private boolean endsFromList(int i) {
        for (String w : FROM_LIST_ENDERS) {
            if (t.isWord(i, w)) {
                return true;
            }
        }
        return false;
    }
}
