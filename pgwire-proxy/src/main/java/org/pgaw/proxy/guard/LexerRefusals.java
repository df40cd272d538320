package org.pgaw.proxy.guard;

/**
 * The refusals of the rewrite itself: a Query whose statements the lexer cannot promise to split as PostgreSQL will
 * is refused whole (fail closed) rather than passed on unplanned. Where PostgreSQL would reject the text anyway, the
 * refusal says what PostgreSQL says, at the same position.
 */
final class LexerRefusals {
    private LexerRefusals() { }

    static Refusal ambiguousBackslash() {
        return new Refusal("0A000", "pgaw: this query has a backslash in a '...' string right after a change of"
                + " standard_conforming_strings, so the practice server cannot tell where the string ends",
                null, "Write such strings as E'...', or send the statements one at a time.");
    }

    static Refusal forUncertainSplit(QuerySplit split) {
        SqlTokens t = split.tokens();
        if (t.overflow()) {
            return new Refusal("54001", "pgaw: this query is too long for the practice server (more than "
                    + SqlTokens.MAX_TOKENS + " words and symbols)", null,
                    "Send it in smaller pieces, or select fewer values.");
        }
        if (t.unterminated()) {
            int at = t.unterminatedAt();
            String near = t.sql().substring(at);
            return new Refusal("42601", t.unterminatedMessage() + " at or near \"" + near + "\"", null, null,
                    Positions.charPosition(t.sql(), at));
        }
        return new Refusal("0A000", "pgaw: BEGIN ATOMIC function bodies cannot be sent in the practice database", null,
                "Write the body as a string instead (AS $$ ... $$), or run its statements one by one.");
    }
}
