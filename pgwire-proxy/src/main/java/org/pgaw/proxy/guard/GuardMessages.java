package org.pgaw.proxy.guard;

import java.util.Locale;

/**
 * What a learner reads when a guard acts. pgAdmin shows only a notice's severity and primary message (M field), so
 * everything needed is in that one sentence: what happened, the limit, and how to see the rest.
 */
public final class GuardMessages {
    /** SQLSTATE for a result over the byte budget in ERROR mode: program_limit_exceeded. */
    public static final String SQLSTATE_BUDGET_EXCEEDED = "54000";

    private GuardMessages() { }

    /** Notice after a result cut at the row cap. */
    public static String rowCapNotice(int maxRows) {
        return "pgaw: showing the first " + maxRows + " rows; add LIMIT/OFFSET or a narrower WHERE to see others";
    }

    /** Notice when a cursor's query was capped (pgAdmin's "server cursor" mode, or a DECLARE of your own). */
    public static String cursorRowCapNotice(int maxRows) {
        return "pgaw: this cursor returns only its first " + maxRows
                + " rows; add LIMIT/OFFSET or a narrower WHERE to the query to see others";
    }

    /** Notice after a result stopped at the byte budget (TRUNCATE mode); the rows shown are complete rows. */
    public static String byteBudgetNotice(long maxBytes) {
        return "pgaw: result stopped after " + bytes(maxBytes) + " (the limit for one query), so some rows are missing;"
                + " select fewer or narrower columns, or fewer rows with LIMIT or a narrower WHERE";
    }

    /** Error message for a result over the byte budget (ERROR mode), with {@link #SQLSTATE_BUDGET_EXCEEDED}. */
    public static String byteBudgetError(long maxBytes) {
        return "pgaw: this query's result is larger than " + bytes(maxBytes) + ", the limit for one query;"
                + " select fewer or narrower columns, or fewer rows with LIMIT or a narrower WHERE";
    }

    /** A byte count as a person reads it: {@code 512 bytes}, {@code 64 kB}, {@code 64 MB}, {@code 1.5 GB} (base 1024). */
    static String bytes(long n) {
        if (n < 1024) {
            return n + (n == 1 ? " byte" : " bytes");
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB", "EB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        String number = v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
        return number + " " + units[u];
    }
}
