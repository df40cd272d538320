package org.pgaw.proxy.guard;

/** The kinds of token {@link SqlLexer} emits. Whitespace and comments are never tokens: they only separate them. */
public enum TokenType {
    /** An unquoted identifier or keyword, e.g. {@code SELECT}, {@code pg_class}, {@code a$b}. */
    WORD,
    /** A double-quoted identifier, {@code "Order"} or {@code U&"d\0061t"}. */
    QUOTED_IDENT,
    /** Any string constant: {@code 'x'}, {@code E'x'}, {@code U&'x'}, {@code B'01'}, {@code X'ff'}, {@code $$x$$}. */
    STRING,
    /** A numeric constant: {@code 42}, {@code 1.5e3}, {@code 0x1F}, {@code 1_000}. */
    NUMBER,
    /** A positional parameter of the extended protocol: {@code $1}. */
    PARAM,
    /** An operator: {@code =}, {@code ::}, {@code ->>}, {@code @>}, {@code *}. */
    OPERATOR,
    LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, SEMICOLON, DOT,
    /** Anything else, e.g. a lone {@code :} (psql variables never reach the server) or a stray character. */
    OTHER
}
