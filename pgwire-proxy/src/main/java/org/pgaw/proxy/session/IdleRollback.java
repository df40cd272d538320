package org.pgaw.proxy.session;

import java.time.Duration;
import org.pgaw.proxy.codec.Frame;
import org.pgaw.proxy.protocol.BackendTag;
import org.pgaw.proxy.protocol.FrontendTag;
import org.pgaw.proxy.protocol.MessageWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An abandoned transaction holds locks and a snapshot: the proxy rolls it back itself and keeps the connection.
 * The client still believes it is in a transaction (an explicit one, or the implicit one of extended-protocol
 * messages it has not synced yet), so its next request is answered with an ERROR saying what happened instead of
 * being run, and, as PostgreSQL does after an error, the rest of an extended sequence is skipped until its Sync,
 * which gets the one ReadyForQuery 'I' (the server's truth) the client awaits.
 */
final class IdleRollback {
    private static final Logger log = LoggerFactory.getLogger(IdleRollback.class);
    private static final byte[] SYNC = {FrontendTag.SYNC, 0, 0, 0, 4};

    /** The proxy's own ROLLBACK: running, then waiting to tell the client, then skipping to the client's Sync. */
    private enum State { NONE, RUNNING, TELL_CLIENT, SKIP_TO_SYNC }

    private final Session session;
    private final String who;
    private State state = State.NONE;
    private org.pgaw.proxy.protocol.ProxyMessage told;
    private int readiesAwaited;

    IdleRollback(Session session, String who) {
        this.session = session;
        this.who = who;
    }

    /**
     * Rolls the transaction back. When PostgreSQL is skipping messages until Sync (an error in an unsynced
     * sequence), a Sync goes first, or the ROLLBACK would be skipped too.
     */
    void start(Duration idleLimit, boolean backendSkipsToSync) {
        start("idle_in_transaction", idleLimit, GuardNotices.idleInTransaction(idleLimit), backendSkipsToSync);
    }

    /** The same for a transaction older than the teacher's maximum, however busy. */
    void startTooOld(Duration maxAge, boolean backendSkipsToSync) {
        start("max_transaction_duration", maxAge, GuardNotices.transactionTooOld(maxAge), backendSkipsToSync);
    }

    private void start(String action, Duration limit, org.pgaw.proxy.protocol.ProxyMessage message,
                       boolean backendSkipsToSync) {
        session.metrics().guardAction(action);
        log.info("guard {} {} after {}: rolled back", action, who, limit);
        session.guardEvent(action, null, message.message());
        state = State.RUNNING;
        told = message;
        readiesAwaited = 1;
        if (backendSkipsToSync) {
            readiesAwaited = 2;
            session.writeToBackend(io.netty.buffer.Unpooled.wrappedBuffer(SYNC));
        }
        session.writeToBackend(MessageWriter.query(session.alloc(), "ROLLBACK"));
    }

    /** Our ROLLBACK runs: client messages wait, backend replies are ours. */
    boolean running() {
        return state == State.RUNNING;
    }

    /** The client has not yet been told about the rollback (or its sequence is still being skipped). */
    boolean clientUntold() {
        return state == State.TELL_CLIENT || state == State.SKIP_TO_SYNC;
    }

    /**
     * A reply to our own ROLLBACK (or to what the client sent before it and never had flushed): taken and released,
     * except asynchronous messages that belong to the client. A failure of it ends the session (the server's state
     * is unknown); its ReadyForQuery ends the rollback.
     */
    boolean takeReply(Frame f) {
        byte tag = f.tag();
        if (tag == BackendTag.ERROR_RESPONSE && readiesAwaited == 1) {
            f.release();
            session.closeWithFatal(told.asFatal());
            return true;
        }
        if (tag == BackendTag.READY_FOR_QUERY && --readiesAwaited == 0) state = State.TELL_CLIENT;
        if (tag == BackendTag.PARAMETER_STATUS || tag == BackendTag.NOTIFICATION_RESPONSE) {
            return false; // these belong to the client whenever they come
        }
        f.release(); // including ROLLBACK's own "there is no transaction in progress" for an implicit transaction
        return true;
    }

    /**
     * The client's next request after our ROLLBACK gets the explanation instead of running; extended-protocol
     * messages up to its Sync are dropped, as the backend would after an error. Returns true once done.
     */
    boolean answer(Frame f) {
        byte tag = f.tag();
        f.release();
        if (tag == FrontendTag.FLUSH && state == State.TELL_CLIENT) return false; // not a request: nothing to answer
        if (state == State.TELL_CLIENT) session.sendToClient(told);
        boolean ends = tag == FrontendTag.SYNC || state == State.TELL_CLIENT
                && (tag == FrontendTag.QUERY || tag == FrontendTag.FUNCTION_CALL);
        if (!ends) {
            state = State.SKIP_TO_SYNC; // an extended-protocol sequence: as after any error, skipped until its Sync
            session.flushClient();
            return false;
        }
        state = State.NONE;
        session.writeToClient(MessageWriter.readyForQuery(session.alloc(), 'I'));
        session.flushClient();
        return true;
    }
}
