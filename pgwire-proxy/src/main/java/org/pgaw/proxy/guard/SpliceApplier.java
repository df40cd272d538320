package org.pgaw.proxy.guard;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Turns a cached {@link LimitPlan} into the edit for one concrete statement and row limit. */
final class SpliceApplier {
    private SpliceApplier() { }

    /**
     * @param first   the statement's first token (plan indexes are relative to it)
     * @param maxRows at least 1 and below {@code Integer.MAX_VALUE}
     */
    static LimitRewriter.Outcome apply(LimitPlan plan, SqlTokens t, int first, int maxRows) {
        String cursor = plan.cursorNameToken() < 0 ? null : t.identifier(first + plan.cursorNameToken());
        if (plan.fixed() != null) {
            return new LimitRewriter.Outcome(plan.fixed(), null, -1, cursor);
        }
        // A cursor holds exactly the first maxRows rows, so that PostgreSQL's own scrolling, MOVE and re-fetching
        // work on it unchanged; other results ask for one more row, which tells the session that rows were cut.
        String ask = Integer.toString(cursor == null ? maxRows + 1 : maxRows);
        int from = first + plan.tokenFrom();
        int to = first + plan.tokenTo();
        switch (plan.action()) {
            case INSERT_AFTER -> {
                int at = t.end(from);
                return capped(Decision.LIMIT_ADDED, new LimitRewriter.Edit(at, at, " LIMIT " + ask), maxRows, cursor);
            }
            case INSERT_BEFORE -> {
                int at = t.start(from);
                return capped(Decision.LIMIT_ADDED, new LimitRewriter.Edit(at, at, "LIMIT " + ask + " "), maxRows, cursor);
            }
            case REPLACE_VALUE -> {
                return replace(plan, t, from, to, maxRows, ask, cursor);
            }
            default -> throw new IllegalStateException("no action in a plan without a fixed decision: " + plan);
        }
    }

    private static LimitRewriter.Outcome replace(LimitPlan plan, SqlTokens t, int from, int to, int maxRows,
                                                 String ask, String cursor) {
        int capIfKept = plan.withTies() ? maxRows : -1;
        switch (plan.form()) {
            case IMPLICIT_ONE -> {
                return new LimitRewriter.Outcome(Decision.UNCHANGED_SMALLER_LIMIT, null, capIfKept, cursor);
            }
            case NUMBER -> {
                int cmp = compareNumber(t.text(from), maxRows);
                if (cmp <= 0) {
                    return new LimitRewriter.Outcome(Decision.UNCHANGED_SMALLER_LIMIT, null, capIfKept, cursor);
                }
                if (cmp != Integer.MAX_VALUE) {
                    return capped(Decision.LIMIT_LOWERED, new LimitRewriter.Edit(t.start(from), t.end(from), ask),
                            maxRows, cursor);
                }
                return wrap(t, from, to, maxRows, ask, cursor);
            }
            case ALL_OR_NULL -> {
                return capped(Decision.LIMIT_LOWERED, new LimitRewriter.Edit(t.start(from), t.end(from), ask),
                        maxRows, cursor);
            }
            default -> {
                return wrap(t, from, to, maxRows, ask, cursor);
            }
        }
    }

    /**
     * {@code LIMIT $1} → {@code LIMIT LEAST($1, n::bigint)}: LEAST ignores NULL, so {@code LIMIT NULL}-like values cap
     * too. The bound is a bigint because PostgreSQL coerces a limit to bigint: with a plain {@code n} (an integer)
     * LEAST's common type would make PostgreSQL describe {@code $1} as integer instead of bigint, and clients that
     * bind by the described type (tokio-postgres, asyncpg) break. {@code bigint} is a keyword, so no schema on the
     * search_path can shadow it.
     */
    private static LimitRewriter.Outcome wrap(SqlTokens t, int from, int to, int maxRows, String ask, String cursor) {
        int start = t.start(from);
        int end = t.end(to - 1);
        String expr = t.sql().substring(start, end);
        // "LIMIT(5000)" has no space before the value: "LIMITLEAST(" would be one word
        String lead = start > 0 && SqlScanner.isIdentCont(t.sql().charAt(start - 1)) ? " LEAST(" : "LEAST(";
        return capped(Decision.LIMIT_WRAPPED, new LimitRewriter.Edit(start, end, lead + expr + ", " + ask + "::bigint)", lead.length()),
                maxRows, cursor);
    }

    private static LimitRewriter.Outcome capped(Decision d, LimitRewriter.Edit edit, int maxRows, String cursor) {
        return new LimitRewriter.Outcome(d, edit, maxRows, cursor);
    }

    /** Sign of {@code number - maxRows}, or {@code Integer.MAX_VALUE} when the text is not a number we can read. */
    static int compareNumber(String text, int maxRows) {
        String digits = text.replace("_", "");
        try {
            if (digits.length() > 2 && digits.charAt(0) == '0' && Character.isLetter(digits.charAt(1))) {
                int radix = switch (Character.toLowerCase(digits.charAt(1))) {
                    case 'x' -> 16;
                    case 'o' -> 8;
                    case 'b' -> 2;
                    default -> 0;
                };
                if (radix == 0) {
                    return Integer.MAX_VALUE;
                }
                return Integer.signum(new BigInteger(digits.substring(2), radix).compareTo(BigInteger.valueOf(maxRows)));
            }
            if (digits.length() > 1000) {
                return Integer.MAX_VALUE;
            }
            return Integer.signum(new BigDecimal(digits).compareTo(BigDecimal.valueOf(maxRows)));
        } catch (NumberFormatException | ArithmeticException e) {
            return Integer.MAX_VALUE;
        }
    }
}
