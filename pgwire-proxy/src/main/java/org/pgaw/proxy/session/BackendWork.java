package org.pgaw.proxy.session;

import org.pgaw.proxy.protocol.FrontendTag;

/**
 * At most one unit of work in flight at the backend of a guarded session, so that the statement timer measures one
 * statement and a guard's cancel can only hit the statement it was meant for (PostgreSQL ignores a cancel that
 * arrives while it waits for the client's next message).
 *
 * <p>A unit is a Query or FunctionCall (until its ReadyForQuery), or an Execute (until its result ends; when the
 * client's very next message is Sync, until that Sync's ReadyForQuery). The client's messages are held while a unit
 * is in flight; after an Execute that is not followed by Sync, the proxy sends a Flush of its own so the Execute's
 * result comes back without waiting for the client. COPY FROM STDIN data passes while PostgreSQL asks for it. A
 * client that sends one Execute per Sync (pgbench, every driver's single statement) is never held.
 */
final class BackendWork {
    enum Unit { NONE, QUERY, EXECUTE, AWAIT_READY }

    /** What to do with the client's next message. */
    enum Admit { FORWARD, FLUSH_THEN_HOLD, HOLD }

    private Unit unit = Unit.NONE;
    private boolean flushSent;
    private boolean copyIn;
    /** PostgreSQL skips the client's messages until Sync after an error in an extended-protocol sequence. */
    private boolean skippingToSync;
    /** Extended-protocol messages went to the backend since its last ReadyForQuery: an implicit transaction is open. */
    private boolean unsynced;

    Unit unit() { return unit; }

    boolean inFlight() { return unit != Unit.NONE; }

    boolean unsynced() { return unsynced; }

    boolean skippingToSync() { return skippingToSync; }

    Admit admit(byte tag) {
        if (unit == Unit.NONE) return Admit.FORWARD;
        if (copyIn && (tag == FrontendTag.COPY_DATA || tag == FrontendTag.COPY_DONE || tag == FrontendTag.COPY_FAIL)) {
            return Admit.FORWARD;
        }
        if (unit == Unit.EXECUTE) {
            if (tag == FrontendTag.SYNC || tag == FrontendTag.FLUSH && !flushSent) return Admit.FORWARD;
            return flushSent ? Admit.HOLD : Admit.FLUSH_THEN_HOLD;
        }
        return Admit.HOLD;
    }

    /** The proxy sent its own Flush after the Execute in flight. */
    void flushSent() {
        flushSent = true;
    }

    /** A message went to the backend; true when it started a unit (the statement clock starts). */
    boolean forwarded(byte tag) {
        switch (tag) {
            case FrontendTag.QUERY:
            case FrontendTag.FUNCTION_CALL:
                unit = Unit.QUERY;
                return true;
            case FrontendTag.EXECUTE:
                unsynced = true;
                if (skippingToSync) return false; // PostgreSQL will not run it
                unit = Unit.EXECUTE;
                flushSent = false;
                return true;
            case FrontendTag.SYNC:
                skippingToSync = false;
                unit = Unit.AWAIT_READY;
                return false;
            case FrontendTag.FLUSH:
                if (unit == Unit.EXECUTE) flushSent = true;
                return false;
            case FrontendTag.PARSE:
            case FrontendTag.BIND:
            case FrontendTag.DESCRIBE:
            case FrontendTag.CLOSE:
                unsynced = true;
                return false;
            default:
                return false;
        }
    }

    void copyIn() {
        copyIn = true;
    }

    /** A result ended (CommandComplete, EmptyQueryResponse, PortalSuspended); true when that ended the unit. */
    boolean resultEnded() {
        copyIn = false;
        if (unit != Unit.EXECUTE) return false;
        unit = Unit.NONE;
        return true;
    }

    /** An ErrorResponse; true when it ended the unit. */
    boolean error() {
        copyIn = false;
        if (unit == Unit.QUERY || unit == Unit.AWAIT_READY) return false; // its ReadyForQuery follows
        skippingToSync = true;
        if (unit != Unit.EXECUTE) return false;
        unit = Unit.NONE;
        return true;
    }

    /** ReadyForQuery: every unit has ended. */
    void ready() {
        unit = Unit.NONE;
        copyIn = false;
        unsynced = false;
        skippingToSync = false;
    }
}
