package org.pgaw.proxy.guard;

/**
 * What to splice into one statement, independent of literal values and of maxRows, so it can be cached by the
 * statement's normalised text and applied to every statement with the same shape. Token indexes are relative to the
 * statement's first token.
 *
 * @param fixed      the decision when nothing is spliced whatever maxRows is; null when {@link #action} decides
 * @param action     where the limit goes
 * @param tokenFrom  INSERT_*: the anchor token; REPLACE_VALUE: first token of the limit value
 * @param tokenTo    REPLACE_VALUE: end (exclusive) of the limit value; may equal tokenFrom for {@code FETCH FIRST ROW}
 * @param form       how the existing limit value reads
 * @param withTies   {@code FETCH ... WITH TIES}: the server may return more rows than the number, so always capped
 * @param cursorNameToken for DECLARE: the token naming the cursor; -1 otherwise
 */
record LimitPlan(Decision fixed, Action action, int tokenFrom, int tokenTo, ValueForm form, boolean withTies,
                 int cursorNameToken) {

    enum Action { NONE, INSERT_AFTER, INSERT_BEFORE, REPLACE_VALUE }

    enum ValueForm { NONE, NUMBER, ALL_OR_NULL, EXPRESSION, IMPLICIT_ONE }

    static LimitPlan fixed(Decision decision) {
        return new LimitPlan(decision, Action.NONE, -1, -1, ValueForm.NONE, false, -1);
    }

    static LimitPlan insertAfter(int token) {
        return new LimitPlan(null, Action.INSERT_AFTER, token, token, ValueForm.NONE, false, -1);
    }

    static LimitPlan insertBefore(int token) {
        return new LimitPlan(null, Action.INSERT_BEFORE, token, token, ValueForm.NONE, false, -1);
    }

    static LimitPlan replace(int from, int to, ValueForm form, boolean withTies) {
        return new LimitPlan(null, Action.REPLACE_VALUE, from, to, form, withTies, -1);
    }

    /** The same plan shifted by {@code offset} tokens, naming the cursor of a DECLARE. */
    LimitPlan inCursor(int offset, int cursorToken) {
        int from = tokenFrom < 0 ? tokenFrom : tokenFrom + offset;
        int to = tokenTo < 0 ? tokenTo : tokenTo + offset;
        return new LimitPlan(fixed, action, from, to, form, withTies, cursorToken);
    }
}
