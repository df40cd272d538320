package org.pgaw.proxy.session;

import java.util.Locale;

/**
 * The CommandComplete tag the proxy writes when it ended a result itself (the cap or the budget stopped a
 * statement PostgreSQL was not told to stop): the statement's own command word and the rows the learner really
 * received, as PostgreSQL would have written it. Only the rare path calls this; nothing is computed per row.
 */
final class CompletionTags {
    private CompletionTags() { }

    /** E.g. "SELECT 1000", "FETCH 1000", "INSERT 0 1000", "COPY 1000". */
    static String of(String sql, boolean copyOut, long rows) {
        if (copyOut) return "COPY " + rows;
        String word = firstWord(sql);
        switch (word) {
            case "INSERT":
                return "INSERT 0 " + rows;
            case "FETCH":
            case "MOVE":
            case "UPDATE":
            case "DELETE":
            case "MERGE":
            case "COPY":
                return word + " " + rows;
            default:
                return "SELECT " + rows; // SELECT, VALUES, TABLE, WITH, EXECUTE of a query, and anything unsure
        }
    }

    /** "SELECT 1001" → "SELECT 1000": the count the learner actually received, keeping PostgreSQL's own word(s). */
    static String withCount(String commandTag, long rows) {
        int space = commandTag.lastIndexOf(' ');
        return (space < 0 ? commandTag : commandTag.substring(0, space)) + " " + rows;
    }

    /** The first keyword, upper case, after white space, comments and opening parentheses; "" when none. */
    static String firstWord(String sql) {
        if (sql == null) return "";
        int i = 0;
        int n = Math.min(sql.length(), 10_000);
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (sql.startsWith("--", i)) {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (sql.startsWith("/*", i)) {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else {
                break;
            }
        }
        int start = i;
        while (i < n && Character.isLetter(sql.charAt(i))) i++;
        return sql.substring(start, i).toUpperCase(Locale.ROOT);
    }
}
