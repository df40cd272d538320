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
        SqlTokens out = new SqlTokens(sql);
        new Scanner(sql, out, standardConformingStrings).run();
        return out;
    }

    /** Splits a simple-Query text into the statements PostgreSQL will execute; see {@link QuerySplit}. */
    public static QuerySplit split(String sql, boolean standardConformingStrings) {
        return split(lex(sql, standardConformingStrings));
    }

    public static QuerySplit split(String sql) {
        return split(lex(sql, true));
    }

    /**
     * Top-level {@code ;} ends a statement, empty statements are dropped. The split is "uncertain" where
     * PostgreSQL's grammar, not its scanner, decides: a {@code ;} inside parentheses ({@code CREATE RULE ... DO (...; ...)}),
     * {@code BEGIN ATOMIC ... END} bodies, unbalanced parentheses, and an unterminated quote or comment.
     */
    public static QuerySplit split(SqlTokens t) {
        List<StatementSpan> statements = new ArrayList<>(2);
        String uncertain = t.unterminated() ? "unterminated quote or comment" : null;
        int depth = 0;
        int first = 0;
        for (int i = 0; i < t.size(); i++) {
            TokenType type = t.type(i);
            if (type == TokenType.LPAREN || type == TokenType.LBRACKET) {
                depth++;
            } else if (type == TokenType.RPAREN || type == TokenType.RBRACKET) {
                depth--;
                if (depth < 0 && uncertain == null) {
                    uncertain = "unbalanced parentheses";
                }
            } else if (type == TokenType.SEMICOLON) {
                if (depth > 0 && uncertain == null) {
                    uncertain = "semicolon inside parentheses";
                }
                if (depth <= 0) {
                    addStatement(t, statements, first, i);
                    first = i + 1;
                    depth = 0;
                }
            } else if (type == TokenType.WORD && t.isWord(i, "ATOMIC") && t.isWord(i - 1, "BEGIN") && uncertain == null) {
                uncertain = "BEGIN ATOMIC body";
            }
        }
        addStatement(t, statements, first, t.size());
        if (depth != 0 && uncertain == null) {
            uncertain = "unbalanced parentheses";
        }
        return new QuerySplit(t, List.copyOf(statements), uncertain);
    }

    private static void addStatement(SqlTokens t, List<StatementSpan> out, int from, int to) {
        if (to > from) {
            out.add(new StatementSpan(from, to, t.start(from), t.end(to - 1)));
        }
    }

    /** One pass over the text; a small state machine per token kind. */
    private static final class Scanner {
        private final String s;
        private final SqlTokens out;
        private final boolean scs;
        private final int n;
        private int p;

        Scanner(String s, SqlTokens out, boolean scs) {
            this.s = s;
            this.out = out;
            this.scs = scs;
            this.n = s.length();
        }

        void run() {
            while (p < n) {
                char c = s.charAt(p);
                if (isSpace(c)) {
                    p++;
                } else if (c == '-' && peek(1) == '-') {
                    skipLineComment();
                } else if (c == '/' && peek(1) == '*') {
                    skipBlockComment();
                } else if (c == '\'') {
                    quoted(p, p + 1, !scs);
                } else if (c == '"') {
                    quotedIdent(p, p + 1);
                } else if (c == '$') {
                    dollar();
                } else if (isIdentStart(c)) {
                    word();
                } else if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
                    number();
                } else {
                    punctuationOrOperator(c);
                }
            }
        }

        private char peek(int ahead) {
            int q = p + ahead;
            return q < n ? s.charAt(q) : '\0';
        }

        private void skipLineComment() {
            while (p < n && s.charAt(p) != '\n' && s.charAt(p) != '\r') {
                p++;
            }
        }

        private void skipBlockComment() {
            int depth = 0;
            while (p < n) {
                if (s.charAt(p) == '/' && peek(1) == '*') {
                    depth++;
                    p += 2;
                } else if (s.charAt(p) == '*' && peek(1) == '/') {
                    depth--;
                    p += 2;
                    if (depth == 0) {
                        return;
                    }
                } else {
                    p++;
                }
            }
            out.markUnterminated();
        }

        /** A {@code '...'} body starting at {@code bodyStart}; {@code ''} is a quote, and with backslashes on, so is {@code \'}. */
        private void quoted(int tokenStart, int bodyStart, boolean backslashEscapes) {
            p = bodyStart;
            while (p < n) {
                char c = s.charAt(p);
                if (backslashEscapes && c == '\\') {
                    p += 2;
                } else if (c == '\'') {
                    if (peek(1) == '\'') {
                        p += 2;
                    } else {
                        p++;
                        out.add(TokenType.STRING, tokenStart, p);
                        return;
                    }
                } else {
                    p++;
                }
            }
            p = n;
            out.markUnterminated();
            out.add(TokenType.STRING, tokenStart, n);
        }

        private void quotedIdent(int tokenStart, int bodyStart) {
            p = bodyStart;
            while (p < n) {
                if (s.charAt(p) == '"') {
                    if (peek(1) == '"') {
                        p += 2;
                    } else {
                        p++;
                        out.add(TokenType.QUOTED_IDENT, tokenStart, p);
                        return;
                    }
                } else {
                    p++;
                }
            }
            out.markUnterminated();
            out.add(TokenType.QUOTED_IDENT, tokenStart, n);
        }

        /** {@code $1} is a parameter, {@code $$} / {@code $tag$} opens a dollar quote, anything else is a stray {@code $}. */
        private void dollar() {
            int start = p;
            if (isDigit(peek(1))) {
                p++;
                while (p < n && isDigit(s.charAt(p))) {
                    p++;
                }
                out.add(TokenType.PARAM, start, p);
                return;
            }
            int q = p + 1;
            if (q < n && isIdentStart(s.charAt(q))) {
                q++;
                while (q < n && isIdentCont(s.charAt(q)) && s.charAt(q) != '$') {
                    q++;
                }
            }
            if (q < n && s.charAt(q) == '$') {
                String delimiter = s.substring(start, q + 1);
                int close = s.indexOf(delimiter, q + 1);
                if (close < 0) {
                    out.markUnterminated();
                    p = n;
                    out.add(TokenType.STRING, start, n);
                } else {
                    p = close + delimiter.length();
                    out.add(TokenType.STRING, start, p);
                }
                return;
            }
            p++;
            out.add(TokenType.OTHER, start, p);
        }

        private void word() {
            int start = p;
            char c = s.charAt(p);
            char next = peek(1);
            if (next == '\'' && (c == 'E' || c == 'e')) {
                quoted(start, p + 2, true);
                return;
            }
            if (next == '\'' && "BbXxNn".indexOf(c) >= 0) {
                quoted(start, p + 2, false);
                return;
            }
            if ((c == 'U' || c == 'u') && next == '&' && (peek(2) == '\'' || peek(2) == '"')) {
                if (peek(2) == '\'') {
                    quoted(start, p + 3, false);
                } else {
                    quotedIdent(start, p + 3);
                }
                return;
            }
            p++;
            while (p < n && isIdentCont(s.charAt(p))) {
                p++;
            }
            out.add(TokenType.WORD, start, p);
        }

        private void number() {
            int start = p;
            if (s.charAt(p) == '0' && "xXoObB".indexOf(peek(1)) >= 0 && isAlnum(peek(2))) {
                p += 2;
                while (p < n && (isAlnum(s.charAt(p)) || s.charAt(p) == '_')) {
                    p++;
                }
                out.add(TokenType.NUMBER, start, p);
                return;
            }
            digits();
            if (p < n && s.charAt(p) == '.' && peek(1) != '.') {
                p++;
                digits();
            }
            if (p < n && (s.charAt(p) == 'e' || s.charAt(p) == 'E')) {
                int save = p;
                p++;
                if (p < n && (s.charAt(p) == '+' || s.charAt(p) == '-')) {
                    p++;
                }
                if (p < n && isDigit(s.charAt(p))) {
                    digits();
                } else {
                    p = save;
                }
            }
            out.add(TokenType.NUMBER, start, p);
        }

        private void digits() {
            while (p < n && (isDigit(s.charAt(p)) || (s.charAt(p) == '_' && isDigit(peek(1))))) {
                p++;
            }
        }

        private void punctuationOrOperator(char c) {
            int start = p;
            TokenType single = switch (c) {
                case '(' -> TokenType.LPAREN;
                case ')' -> TokenType.RPAREN;
                case '[' -> TokenType.LBRACKET;
                case ']' -> TokenType.RBRACKET;
                case ',' -> TokenType.COMMA;
                case ';' -> TokenType.SEMICOLON;
                case '.' -> TokenType.DOT;
                default -> null;
            };
            if (single != null) {
                p++;
                out.add(single, start, p);
            } else if (c == ':') {
                p += (peek(1) == ':' || peek(1) == '=') ? 2 : 1;
                out.add(p - start == 2 ? TokenType.OPERATOR : TokenType.OTHER, start, p);
            } else if (isOperatorChar(c)) {
                p++;
                while (p < n && isOperatorChar(s.charAt(p))
                        && !(s.charAt(p) == '-' && peek(1) == '-') && !(s.charAt(p) == '/' && peek(1) == '*')) {
                    p++;
                }
                out.add(TokenType.OPERATOR, start, p);
            } else {
                p++;
                out.add(TokenType.OTHER, start, p);
            }
        }
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlnum(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= '\u0080';
    }

    static boolean isIdentCont(char c) {
        return isIdentStart(c) || isDigit(c) || c == '$';
    }

    private static boolean isOperatorChar(char c) {
        return "+-*/<>=~!@#%^&|`?".indexOf(c) >= 0;
    }
}
