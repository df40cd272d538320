package org.pgaw.proxy.guard;

import java.util.ArrayList;
import java.util.List;

/**
 * An independent judge of a rewrite: compares the token streams of the original and the rewritten statement and
 * accepts only the three edits the rewriter may make, with the number {@code ask}: {@code LIMIT ask} inserted at one
 * place, one number / {@code ALL} / {@code NULL} replaced by {@code ask}, or one token range {@code R} replaced by
 * {@code LEAST ( R , ask :: bigint )}. Everything else, comments included, must be exactly as it was.
 */
final class LimitOnlyDiff {
    private LimitOnlyDiff() { }

    record Tok(TokenType type, String text) { }

    static List<Tok> tokens(String sql) {
        SqlTokens t = SqlLexer.lex(sql);
        List<Tok> out = new ArrayList<>(t.size());
        for (int i = 0; i < t.size(); i++) {
            out.add(new Tok(t.type(i), t.type(i) == TokenType.WORD ? t.text(i).toUpperCase() : t.text(i)));
        }
        return out;
    }

    /** Null when the rewrite is one of the allowed edits, else a description of the difference. */
    static String check(String original, String rewritten, int ask) {
        if (!commentsAndLayoutKept(original, rewritten)) {
            return "text outside the tokens changed";
        }
        List<Tok> o = tokens(original);
        List<Tok> w = tokens(rewritten);
        if (o.equals(w)) {
            return null;
        }
        String n = Integer.toString(ask);
        int prefix = 0;
        while (prefix < o.size() && prefix < w.size() && o.get(prefix).equals(w.get(prefix))) {
            prefix++;
        }
        for (int s = 0; s <= prefix; s++) {
            if (inserted(o, w, s, n) || replaced(o, w, s, n) || wrapped(o, w, s, n)) {
                return null;
            }
        }
        return "token streams differ beyond the limit: " + o + " vs " + w;
    }

    private static boolean inserted(List<Tok> o, List<Tok> w, int s, String n) {
        return w.size() == o.size() + 2 && w.get(s).text().equals("LIMIT") && w.get(s + 1).text().equals(n)
                && w.subList(s + 2, w.size()).equals(o.subList(s, o.size()));
    }

    private static boolean replaced(List<Tok> o, List<Tok> w, int s, String n) {
        if (w.size() != o.size() || s >= o.size()) {
            return false;
        }
        Tok old = o.get(s);
        boolean replaceable = old.type() == TokenType.NUMBER || old.text().equals("ALL") || old.text().equals("NULL");
        return replaceable && w.get(s).text().equals(n)
                && w.subList(s + 1, w.size()).equals(o.subList(s + 1, o.size()));
    }

    private static boolean wrapped(List<Tok> o, List<Tok> w, int s, String n) {
        if (w.size() != o.size() + 7 || s + 1 >= w.size()
                || !w.get(s).text().equals("LEAST") || !w.get(s + 1).text().equals("(")) {
            return false;
        }
        for (int q = s + 1; q <= o.size(); q++) {
            int len = q - s;
            if (w.subList(s + 2, s + 2 + len).equals(o.subList(s, q))
                    && w.get(s + 2 + len).text().equals(",") && w.get(s + 3 + len).text().equals(n)
                    && w.get(s + 4 + len).text().equals("::") && w.get(s + 5 + len).text().equals("BIGINT")
                    && w.get(s + 6 + len).text().equals(")")
                    && w.subList(s + 7 + len, w.size()).equals(o.subList(q, o.size()))) {
                return true;
            }
        }
        return false;
    }

    /** Comments are not tokens, so check them separately: the rewritten text minus the edit has them all, in order. */
    private static boolean commentsAndLayoutKept(String original, String rewritten) {
        return comments(original).equals(comments(rewritten));
    }

    private static List<String> comments(String sql) {
        List<String> out = new ArrayList<>();
        SqlTokens t = SqlLexer.lex(sql);
        int prevEnd = 0;
        for (int i = 0; i <= t.size(); i++) {
            int start = i < t.size() ? t.start(i) : sql.length();
            String gap = sql.substring(prevEnd, start).strip();
            if (!gap.isEmpty()) {
                out.add(gap);
            }
            prevEnd = i < t.size() ? t.end(i) : prevEnd;
        }
        return out;
    }
}
