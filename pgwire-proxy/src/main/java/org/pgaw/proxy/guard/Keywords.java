package org.pgaw.proxy.guard;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Set;

/**
 * PostgreSQL's keyword categories where the rewrite needs them (src/include/parser/kwlist.h): the reserved and
 * type/function-name keywords can never be a plain name (ColId) unless quoted, so an unquoted one where a name is
 * expected is a syntax error, not a name. Unreserved and column-name keywords can be names.
 */
final class Keywords {
    private static final Set<String> NOT_COL_ID = Set.of(
            // reserved
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast",
            "check", "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role",
            "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
            "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in",
            "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not",
            "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning", "select",
            "session_user", "some", "symmetric", "system_user", "table", "then", "to", "trailing", "true", "union",
            "unique", "user", "using", "variadic", "when", "where", "window", "with",
            // type or function name
            "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full",
            "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps",
            "right", "similar", "tablesample", "verbose");

    /**
     * Non-reserved keywords that the grammar puts before a parenthesis as syntax, not as a call of a function that
     * could read a table: SQL-standard expression forms and type names with modifiers, and clause words.
     */
    private static final Set<String> EXPRESSION_SYNTAX = Set.of(
            "between", "bigint", "bit", "boolean", "char", "character", "coalesce", "dec", "decimal", "exists",
            "extract", "float", "greatest", "grouping", "int", "integer", "interval", "least", "national", "nchar",
            "normalize", "nullif", "numeric", "overlay", "position", "precision", "real", "row", "smallint",
            "substring", "time", "timestamp", "treat", "trim", "values", "varchar", "varying", "xmlattributes",
            "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot",
            "xmlserialize", "json_array", "json_object", "json_scalar", "json_serialize", "json_arrayagg",
            "json_objectagg", "json", "over", "filter", "sets", "cube", "rollup", "materialized", "rows", "by",
            "first", "next", "zone", "ordinality");

    /**
     * Words after which a query cannot end: reserved (or type/function-name) keywords that need an operand, so they
     * can never be a name at the end of a statement. {@code ASC}, {@code DESC}, {@code END}, {@code NULL},
     * {@code ONLY}, {@code ALL} ({@code LIMIT ALL}), {@code TRUE}... can.
     */
    private static final Set<String> NEEDS_MORE = Set.of(
            "and", "or", "not", "as", "from", "where", "distinct", "group", "having", "order", "union",
            "intersect", "except", "join", "on", "using", "in", "is", "like", "ilike", "similar", "case", "when",
            "then", "else", "cast", "collate", "into", "lateral", "cross", "inner", "left", "right", "full", "outer",
            "natural", "limit", "offset", "fetch", "for", "window", "with", "table", "to", "any", "some", "array",
            "both", "leading", "trailing", "variadic", "tablesample", "overlaps", "isnull", "notnull", "symmetric",
            "asymmetric");

    private Keywords() { }

    /**
     * Does a statement whose last token is {@code last} certainly need more text: it ends with an operator, a comma,
     * a dot, an opening parenthesis, a keyword of {@link #NEEDS_MORE}, {@code ORDER BY} / {@code GROUP BY} /
     * {@code PARTITION BY}, or {@code UNION ALL}-like?
     */
    static boolean endsIncomplete(SqlTokens t, int last) {
        if (last < 0) {
            return true;
        }
        TokenType type = t.type(last);
        if (type == TokenType.OPERATOR || type == TokenType.COMMA || type == TokenType.DOT
                || type == TokenType.LPAREN || type == TokenType.LBRACKET) {
            if (type == TokenType.OPERATOR && t.text(last).equals("*")) {
                return isValue(t, last - 1); // "2 *" needs more; "SELECT *", "t.*", ", *" do not
            }
            return !(type == TokenType.OPERATOR && t.isWord(last - 1, "USING")); // ORDER BY a USING <
        }
        if (type != TokenType.WORD || t.is(last - 1, TokenType.DOT) || t.isWord(last - 1, "AS")) {
            return false; // a name after "." or a label after AS, whatever its spelling
        }
        if (t.isWord(last, "BY")) {
            return t.isWord(last - 1, "ORDER") || t.isWord(last - 1, "GROUP") || t.isWord(last - 1, "PARTITION");
        }
        if (t.isWord(last, "ALL") || t.isWord(last, "DISTINCT")) {
            return t.isWord(last - 1, "UNION") || t.isWord(last - 1, "INTERSECT") || t.isWord(last - 1, "EXCEPT")
                    || t.isWord(last - 1, "SELECT") || t.isWord(last, "DISTINCT");
        }
        return t.end(last) - t.start(last) <= 11 && NEEDS_MORE.contains(t.text(last).toLowerCase(Locale.ROOT));
    }

    private static boolean isValue(SqlTokens t, int i) {
        TokenType type = i < 0 ? null : t.type(i);
        if (type == TokenType.WORD) {
            return !(t.isWord(i, "SELECT") || t.isWord(i, "DISTINCT") || t.isWord(i, "ALL") || t.isWord(i, "RETURNING"));
        }
        return type == TokenType.NUMBER || type == TokenType.STRING || type == TokenType.PARAM
                || type == TokenType.RPAREN || type == TokenType.RBRACKET || type == TokenType.QUOTED_IDENT;
    }

    /** Is the unquoted word at {@code i} one of {@link #EXPRESSION_SYNTAX}? */
    static boolean isExpressionSyntax(SqlTokens t, int i) {
        return t.is(i, TokenType.WORD) && t.end(i) - t.start(i) <= 14
                && EXPRESSION_SYNTAX.contains(t.text(i).toLowerCase(Locale.ROOT));
    }

    /** Is the unquoted word at {@code i} a keyword that cannot be a plain name (reserved or type/function name)? */
    static boolean isReserved(SqlTokens t, int i) {
        return t.is(i, TokenType.WORD) && t.end(i) - t.start(i) <= 17
                && NOT_COL_ID.contains(t.text(i).toLowerCase(Locale.ROOT));
    }

    /** The value of an integer constant that PostgreSQL's scanner makes an int4 (ICONST), or null. */
    static Long integerConstant(String text) {
        String digits = text.replace("_", "");
        int radix = 10;
        if (digits.length() > 2 && digits.charAt(0) == '0' && Character.isLetter(digits.charAt(1))) {
            radix = switch (Character.toLowerCase(digits.charAt(1))) {
                case 'x' -> 16;
                case 'o' -> 8;
                case 'b' -> 2;
                default -> 0;
            };
            digits = digits.substring(2);
        }
        if (radix == 0 || digits.isEmpty() || digits.length() > 40) {
            return null;
        }
        try {
            BigInteger v = new BigInteger(digits, radix);
            return v.bitLength() < 32 ? v.longValue() : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
