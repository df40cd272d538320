package org.pgaw.proxy.guard;

import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * A second opinion from JSqlParser on a statement the token analysis wants to rewrite, taken once per statement
 * shape (the result is cached with the plan). When JSqlParser reads the statement and sees something else than a
 * plain query with the same limit situation (a data-modifying CTE, {@code SELECT INTO}, a limit the tokens missed),
 * the rewrite is dropped: {@link Decision#PARSER_DISAGREES}. When JSqlParser cannot read it (about one PostgreSQL
 * query in ten: {@code @>}, {@code WITHIN GROUP}, {@code U&''}...), the token analysis stands alone, because it only
 * relies on the statement's outermost clauses.
 *
 * <p>JSqlParser's worst cases are slow, and this would run on a proxy thread, so it only sees statements of at most
 * {@link #MAX_CHARS} chars and {@link #MAX_NESTING} levels of parentheses, with its "complex parsing" retry off.
 * Even so it measured 0.1-130 ms per statement here (median ~0.4 ms on 3,000 generated learner queries), while the
 * token analysis takes microseconds; and over the whole test corpus it never vetoed a correct decision of the
 * tokens. So {@link LimitRewriter} runs it only when asked (the tests do, as an oracle), not by default.
 */
final class ParserCrossCheck {
    static final int MAX_CHARS = 4000;
    static final int MAX_NESTING = 12;

    LimitPlan verify(SqlTokens t, StatementSpan span, LimitPlan plan) {
        if (plan.fixed() != null) {
            return plan;
        }
        int from = span.firstToken();
        if (plan.cursorNameToken() >= 0) {
            from = firstForAfter(t, from, span.endToken()) + 1;
        }
        int to = span.endToken();
        if (from >= to || t.end(to - 1) - t.start(from) > MAX_CHARS || nesting(t, from, to) > MAX_NESTING) {
            return plan;
        }
        Statement parsed = parse(t.sql().substring(t.start(from), t.end(to - 1)));
        if (parsed == null) {
            return plan;
        }
        return agrees(parsed, plan) ? plan : LimitPlan.fixed(Decision.PARSER_DISAGREES);
    }

    /** Parses, or null when JSqlParser cannot read the text (which is common and fine). */
    static Statement parse(String sql) {
        try {
            return CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(false).Statement();
        } catch (Exception | StackOverflowError e) {
            return null;
        }
    }

    private static boolean agrees(Statement parsed, LimitPlan plan) {
        if (!(parsed instanceof Select select)) {
            return false;
        }
        if (select instanceof PlainSelect plain && (plain.getIntoTables() != null || plain.getIntoTempTable() != null)) {
            return false;
        }
        if (select.getWithItemsList() != null) {
            for (WithItem<?> item : select.getWithItemsList()) {
                if (!(item.getParenthesedStatement() instanceof ParenthesedSelect)) {
                    return false;
                }
            }
        }
        boolean tokensSeeLimit = plan.action() == LimitPlan.Action.REPLACE_VALUE;
        return hasLimit(select) == tokensSeeLimit;
    }

    /**
     * JSqlParser hangs the tail of {@code SELECT 1 UNION SELECT 2 LIMIT 5} on the last branch, where PostgreSQL's
     * grammar puts it on the whole union; both readings mean "this query has a top-level limit".
     */
    private static boolean hasLimit(Select select) {
        if (select.getLimit() != null || select.getFetch() != null) {
            return true;
        }
        if (select instanceof SetOperationList list && !list.getSelects().isEmpty()) {
            Select last = list.getSelects().get(list.getSelects().size() - 1);
            return !(last instanceof ParenthesedSelect) && hasLimit(last);
        }
        return false;
    }

    private static int firstForAfter(SqlTokens t, int from, int to) {
        for (int i = from; i < to; i++) {
            if (t.isWord(i, "FOR")) {
                return i;
            }
        }
        return to;
    }

    private static int nesting(SqlTokens t, int from, int to) {
        int depth = 0;
        int max = 0;
        for (int i = from; i < to; i++) {
            if (t.is(i, TokenType.LPAREN)) {
                max = Math.max(max, ++depth);
            } else if (t.is(i, TokenType.RPAREN)) {
                depth--;
            }
        }
        return max;
    }
}
