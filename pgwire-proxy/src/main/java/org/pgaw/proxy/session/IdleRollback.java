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
 * The client still believes it is in a transaction, so its next request is answered with an ERROR saying what
 * happened and a ReadyForQuery 'I' (the server's truth) instead of being run.
 */
final class IdleRollback {
    private static final Logger log = LoggerFactory.getLogger(IdleRollback.class);

    /** The proxy's own ROLLBACK: running, then waiting to tell the client. */
    private enum State { NONE, RUNNING, TELL_CLIENT }

    private final Session session;
    private final String who;
    private State state = State.NONE;
    private Duration limit;

    IdleRollback(Session session, String who) {
        this.session = session;
        this.who = who;
    }

    void start(Duration idleLimit) {
        session.metrics().guardAction("idle_in_transaction");
        log.info("guard idle_in_transaction {} after {}: rolled back", who, idleLimit);
        state = State.RUNNING;
        limit = idleLimit;
        session.writeToBackend(MessageWriter.query(session.alloc(), "ROLLBACK"));
    }

    /** Our ROLLBACK runs: client messages wait, backend replies are ours. */
    boolean running() {
        return state == State.RUNNING;
    }

    /** The client has not yet been told about the rollback. */
    boolean clientUntold() {
        return state == State.TELL_CLIENT;
    }

    /**
     * A reply to our own ROLLBACK: taken (and released) unless it belongs to the client. A failure of it ends the
     * session (the server's state is unknown); its ReadyForQuery ends the rollback.
     */
    boolean takeReply(Frame f) {
        byte tag = f.tag();
        if (tag == BackendTag.ERROR_RESPONSE) {
            f.release();
            session.closeWithFatal(GuardNotices.idleInTransaction(limit).asFatal());
            return true;
        }
        if (tag == BackendTag.READY_FOR_QUERY) state = State.TELL_CLIENT;
        if (tag == BackendTag.NOTICE_RESPONSE || tag == BackendTag.PARAMETER_STATUS
                || tag == BackendTag.NOTIFICATION_RESPONSE) {
            return false; // these belong to the client whenever they come
        }
        f.release();
        return true;
    }

    /**
     * The client's next request after our ROLLBACK gets the explanation instead of running; extended-protocol
     * messages before its Sync are dropped, as the backend would after an error. Returns true once told.
     */
    boolean answer(Frame f) {
        byte tag = f.tag();
        f.release();
        if (tag != FrontendTag.QUERY && tag != FrontendTag.SYNC && tag != FrontendTag.FUNCTION_CALL) return false;
        state = State.NONE;
        session.sendToClient(GuardNotices.idleInTransaction(limit));
        session.writeToClient(MessageWriter.readyForQuery(session.alloc(), 'I'));
        session.flushClient();
        return true;
    }
}
