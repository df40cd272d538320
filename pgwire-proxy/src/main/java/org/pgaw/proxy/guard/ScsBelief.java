package org.pgaw.proxy.guard;

/**
 * What the session should believe {@code standard_conforming_strings} is when it plans the next Query or Parse, for
 * pipelined traffic: PostgreSQL reports a change (ParameterStatus) only when the changing statement has run, while
 * the client may already have sent the next message. The session feeds it what it plans and what PostgreSQL reports
 * and passes {@link #current()} to {@link LimitRewriter}; null means unknown (a text that depends on it is refused).
 * Not thread-safe: one per session, used on its event loop.
 */
public final class ScsBelief {
    private boolean reported = true;
    private Boolean believed = Boolean.TRUE;
    private int inFlightChanges;

    /** The value to plan the next message with (null = unknown). */
    public Boolean current() {
        return inFlightChanges > 0 ? believed : Boolean.valueOf(reported);
    }

    /** A planned simple Query is being sent: later messages are read with the value after it. */
    public void planned(RewriteResult r) {
        if (r.planned() && !java.util.Objects.equals(r.standardConformingStringsAfter(), current())) {
            believed = r.standardConformingStringsAfter();
            inFlightChanges++;
        }
    }

    /** A planned Parse is being sent: its statement may change the value once it is executed. */
    public void planned(StatementRewrite s) {
        if (s.scsEffect() != ScsEffect.UNCHANGED) {
            believed = null; // the Execute may come, or not, and may fail
            inFlightChanges++;
        }
    }

    /** PostgreSQL's ParameterStatus for standard_conforming_strings. */
    public void reported(String value) {
        reported = !"off".equalsIgnoreCase(value);
    }

    /** ReadyForQuery: everything sent before it has run, PostgreSQL has reported the truth. */
    public void readyForQuery(boolean nothingMoreInFlight) {
        if (nothingMoreInFlight) {
            inFlightChanges = 0;
            believed = reported;
        }
    }
}
