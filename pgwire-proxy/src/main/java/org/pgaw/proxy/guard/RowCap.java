package org.pgaw.proxy.guard;

/**
 * Counts one statement's DataRows against its {@link StatementRewrite#capRows()}: the first {@code cap} rows pass,
 * later ones are dropped (the rewrite asked PostgreSQL for one more, so a dropped row means the result was cut).
 * Not thread-safe; one per session.
 */
public final class RowCap {
    private int cap = -1;
    private long seen;

    /** Starts a statement; {@code capRows} -1 means uncapped. */
    public void reset(int capRows) {
        if (capRows < -1) {
            throw new IllegalArgumentException("capRows must be -1 (uncapped) or more, got " + capRows);
        }
        cap = capRows;
        seen = 0;
    }

    /** Counts a DataRow: true when it may be forwarded, false when it must be dropped. */
    public boolean admit() {
        if (seen < Long.MAX_VALUE) {
            seen++;
        }
        return cap < 0 || seen <= cap;
    }

    /** True when at least one row was dropped: send {@link GuardMessages#rowCapNotice(int)} (once). */
    public boolean cut() {
        return cap >= 0 && seen > cap;
    }

    public long rowsSeen() {
        return seen;
    }

    public int cap() {
        return cap;
    }
}
