package org.pgaw.proxy.guard;

/**
 * The state machine behind {@link SqlLexer}: one pass over the text, one small method per token kind, after the
 * rules of PostgreSQL's scanner (scan.l).
 */
final class SqlScanner {
    private final String s;
    private final SqlTokens out;
    private final boolean scs;
    private final int n;
    private int p;

    SqlScanner(String s, SqlTokens out, boolean scs, int from) {
        this.p = from;
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
        int start = p;
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
        out.markUnterminated("unterminated /* comment", start);
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
        char kind = Character.toUpperCase(s.charAt(tokenStart));
        out.markUnterminated(kind == 'B' ? "unterminated bit string literal"
                : kind == 'X' ? "unterminated hexadecimal string literal" : "unterminated quoted string", tokenStart);
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
        p = n;
        out.markUnterminated("unterminated quoted identifier", tokenStart);
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
                out.markUnterminated("unterminated dollar-quoted string", start);
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
        if (next == '\'' && (c == 'N' || c == 'n')) {
            quoted(start, p + 2, !scs); // a national string is a plain string: backslashes follow the setting
            return;
        }
        if (next == '\'' && "BbXx".indexOf(c) >= 0) {
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
