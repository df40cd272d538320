package org.pgaw.proxy.guard;

import java.util.ArrayList;
import java.util.List;

/**
 * A PostgreSQL-aware tokenizer, written after the rules of PostgreSQL's own scanner (scan.l): single-quoted strings
 * with {@code ''}, {@code E''} strings with backslash escapes, {@code U&''} / {@code B''} / {@code X''} / {@code N''}
 * strings, dollar quotes ({@code $$}, {@code $tag$}), double-quoted identifiers, {@code --} and nested
 * {@code /* *}{@code /} comments, numbers, {@code $n} parameters and operators.
 *
 * <p>It never fails: text it cannot make sense of becomes {@link TokenType#OTHER} tokens, and an unclosed quote or
 * comment is reported through {@link SqlTokens#unterminated()} so the caller can stay away from that text.
 */
public final class SqlLexer {
    private SqlLexer() { }

    /** Lexes with {@code standard_conforming_strings = on}, PostgreSQL's default since 9.1. */
    public static SqlTokens lex(String sql) {
        return lex(sql, true);
    }

    /**
     * @param standardConformingStrings the session's setting: when off, a backslash escapes a quote in plain
     *                                  {@code '...'} strings too, which changes where strings and statements end
     */
    public static SqlTokens lex(String sql, boolean standardConformingStrings) {
        return lex(sql, standardConformingStrings, 0);
    }

    /** Lexes {@code sql} from char {@code from} on (offsets stay those of the whole text). */
    static SqlTokens lex(String sql, boolean standardConformingStrings, int from) {
        SqlTokens out = new SqlTokens(sql);
        new SqlScanner(sql, out, standardConformingStrings, from).run();
        return out;
    }

    /**
     * Lexes {@code sql} from {@code from} on when {@code standard_conforming_strings} is unknown (null): fine when
     * both settings give the same tokens (always so without a backslash), else null: the text means different
     * statements depending on a value the proxy does not know.
     */
    public static SqlTokens lexEitherWay(String sql, Boolean standardConformingStrings, int from) {
        if (standardConformingStrings != null) {
            return lex(sql, standardConformingStrings, from);
        }
        SqlTokens on = lex(sql, true, from);
        if (sql.indexOf('\\', from) < 0) {
            return on;
        }
        return on.sameTokens(lex(sql, false, from)) ? on : null;
    }

    /** Splits a simple-Query text into the statements PostgreSQL will execute; see {@link QuerySplit}. */
    public static QuerySplit split(String sql, boolean standardConformingStrings) {
        return split(lex(sql, standardConformingStrings));
    }

    public static QuerySplit split(String sql) {
        return split(lex(sql, true));
    }

    /**
     * Top-level {@code ;} ends a statement, empty statements are dropped. A {@code ;} inside parentheses does not end
     * one: PostgreSQL's grammar accepts it only in {@code CREATE RULE ... DO (a; b)}, which is one statement, and
     * anywhere else the whole Query is a syntax error and nothing of it runs, so either way this split is the one that
     * matters. Unbalanced parentheses likewise make the whole Query a syntax error. The split is "uncertain" only
     * where the lexer cannot promise to agree with PostgreSQL: an unterminated quote or comment (PostgreSQL reads the
     * rest of the text differently if its lexer disagrees), a {@code BEGIN ATOMIC ... END} body (its {@code ;}s are
     * the grammar's business), and more than {@link SqlTokens#MAX_TOKENS} tokens; callers refuse such a Query.
     */
    public static QuerySplit split(SqlTokens t) {
        List<StatementSpan> statements = new ArrayList<>(2);
        String uncertain = t.overflow() ? "more than " + SqlTokens.MAX_TOKENS + " tokens"
                : t.unterminated() ? t.unterminatedMessage() : null;
        int depth = 0;
        int first = 0;
        for (int i = 0; i < t.size(); i++) {
            TokenType type = t.type(i);
            if (type == TokenType.LPAREN || type == TokenType.LBRACKET) {
                depth++;
            } else if (type == TokenType.RPAREN || type == TokenType.RBRACKET) {
                depth--;
            } else if (type == TokenType.SEMICOLON) {
                if (depth <= 0) {
                    addStatement(t, statements, first, i);
                    first = i + 1;
                    depth = 0;
                }
            } else if (uncertain == null && type == TokenType.WORD && t.isWord(i, "ATOMIC") && t.isWord(i - 1, "BEGIN")) {
                uncertain = "BEGIN ATOMIC body";
            }
        }
        addStatement(t, statements, first, t.size());
        return new QuerySplit(t, List.copyOf(statements), uncertain);
    }

    private static void addStatement(SqlTokens t, List<StatementSpan> out, int from, int to) {
        if (to > from) {
            out.add(new StatementSpan(from, to, t.start(from), t.end(to - 1)));
        }
    }
}
