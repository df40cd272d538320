package org.pgaw.proxy.session;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.pgaw.proxy.codec.Frame;
import org.pgaw.proxy.codec.FramePart;
import org.pgaw.proxy.config.GuardConfig.BudgetMode;
import org.pgaw.proxy.guard.EffectiveLimits;
import org.pgaw.proxy.guard.LimitRewriter;
import org.pgaw.proxy.protocol.BackendTag;
import org.pgaw.proxy.protocol.FrontendTag;
import org.pgaw.proxy.protocol.MessageWriter;
import org.pgaw.proxy.protocol.SqlState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guards at work inside one session: queries are rewritten by {@link GuardRequests}; this class counts every
 * result's rows and bytes,
 * holds back what passes the limits, and stops runaway statements.
 *
 * <p>Where results belong: every statement the backend will answer is queued in {@code pending} as a
 * {@link ResultCounter} (a simple-Query statement in order, or an Execute of a portal), and every ReadyForQuery the
 * client awaits as {@link #SYNC_POINT}. CommandComplete, EmptyQueryResponse and PortalSuspended end the head entry;
 * ErrorResponse ends everything up to the next sync point (the backend skips the rest); ReadyForQuery consumes
 * the sync point. Results with no queued entry (SQL the rewriter could not plan) get an uncapped counter, so the
 * byte budget and the timer still protect them.
 *
 * <p>Cancels the guards send never hit the learner's next statement: from the cancel until PostgreSQL has closed
 * the cancel connection (the signal is delivered) and the cancelled statement has ended, the client's next
 * messages are held.
 */
final class GuardSession {
    private static final Logger log = LoggerFactory.getLogger(GuardSession.class);
    static final Object SYNC_POINT = new Object();

    private enum GuardCancel { NONE, BUDGET, TIMEOUT }

    /** The proxy's own ROLLBACK of an idle transaction: running, then waiting to tell the client. */
    private enum Rollback { NONE, RUNNING, TELL_CLIENT }

    private final Session session;
    private final EffectiveLimits limits;
    private final String who;
    private final long maxBytes;

    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private final GuardRequests requests;
    private final ArrayDeque<Object> held = new ArrayDeque<>();
    private ResultCounter unplanned;
    private int completedSinceReady;
    private char transactionStatus = 'I';
    private boolean droppingPart;

    private GuardCancel cancel = GuardCancel.NONE;
    private boolean cancelDelivered = true;
    private boolean cancelledResultEnded = true;
    private ScheduledFuture<?> statementTimer;
    private ScheduledFuture<?> idleTimer;
    private Rollback rollback = Rollback.NONE;
    private Duration idleLimit;

    GuardSession(Session session, EffectiveLimits limits, LimitRewriter rewriter, String who) {
        this.session = session;
        this.limits = limits;
        this.who = who + " limits=" + limits.source();
        this.maxBytes = limits.maxResultBytes();
        this.requests = new GuardRequests(rewriter, limits.maxRows(), pending);
    }

    // ------------------------------------------------------------------ client → backend

    /** True while client messages must wait for a guard cancel to settle. */
    boolean holding() {
        return rollback == Rollback.RUNNING || cancel != GuardCancel.NONE && !(cancelDelivered && cancelledResultEnded);
    }

    void hold(Object msg) {
        held.add(msg);
    }

    /** A whole client message; returns the frame to forward (the same one, or its rewrite), or null: answered. */
    Frame fromClient(Frame f) {
        if (rollback == Rollback.TELL_CLIENT && f.tag() != FrontendTag.TERMINATE) return answerAfterRollback(f);
        clientActivity();
        return requests.fromClient(f);
    }

    /** Any client traffic: the session is not idle, and a statement may now run. */
    void clientActivity() {
        if (idleTimer != null) {
            idleTimer.cancel(false);
            idleTimer = null;
        }
        Duration t = limits.statementTimeout();
        if (statementTimer == null && t != null && !t.isZero()) {
            statementTimer = session.schedule(this::statementTimedOut, t.toMillis());
        }
    }

    // ------------------------------------------------------------------ backend → client

    /** Returns true when the guard took the message (forwarded, replaced or dropped it). */
    boolean fromBackend(Object msg) {
        if (msg instanceof FramePart p) return onRowPart(p);
        Frame f = (Frame) msg;
        if (rollback == Rollback.RUNNING) return swallowRollbackReply(f);
        switch (f.tag()) {
            case BackendTag.DATA_ROW:
            case BackendTag.COPY_DATA:
                return onRows(f);
            case BackendTag.COPY_OUT_RESPONSE:
                current().copyOut = true;
                return false;
            case BackendTag.COMMAND_COMPLETE:
                return onCommandComplete(f);
            case BackendTag.EMPTY_QUERY_RESPONSE:
            case BackendTag.PORTAL_SUSPENDED:
                endResult();
                return false;
            case BackendTag.ERROR_RESPONSE:
                return onError(f);
            case BackendTag.READY_FOR_QUERY:
                onReady(f);
                return false;
            case BackendTag.PARAMETER_STATUS:
                onParameterStatus(f);
                return false;
            default:
                return false;
        }
    }

    /** The replies to our own ROLLBACK are ours; a failure of it ends the session (the server's state is unknown). */
    private boolean swallowRollbackReply(Frame f) {
        byte tag = f.tag();
        if (tag == BackendTag.ERROR_RESPONSE) {
            f.release();
            session.closeWithFatal(GuardNotices.idleInTransaction(idleLimit).asFatal());
            return true;
        }
        if (tag == BackendTag.READY_FOR_QUERY) {
            transactionStatus = (char) f.body().getByte(f.body().readerIndex());
            rollback = Rollback.TELL_CLIENT;
            session.replayHeld(held);
        }
        if (tag == BackendTag.NOTICE_RESPONSE || tag == BackendTag.PARAMETER_STATUS
                || tag == BackendTag.NOTIFICATION_RESPONSE) {
            return false; // these belong to the client whenever they come
        }
        f.release();
        return true;
    }

    private ResultCounter current() {
        Object head = pending.peek();
        if (head instanceof ResultCounter c) return c;
        if (unplanned == null) unplanned = ResultCounter.uncapped();
        return unplanned;
    }

    private boolean onRows(Frame f) {
        ResultCounter c = current();
        if (c.dropping) {
            f.release();
            return true;
        }
        ByteBuf all = f.content();
        int start = all.readerIndex();
        int at = start;
        int rows = f.messages();
        for (int i = 0; i < rows; i++) {
            if (c.cap >= 0 && c.rowsForwarded >= c.cap) {
                c.cut = true;
                c.dropping = true; // the rewrite asked for one row more: the backend is about done anyway
                break;
            }
            int length = all.getInt(at + 1) + 1;
            if (maxBytes > 0 && c.bytesForwarded + length > maxBytes) {
                overBudget(c);
                break;
            }
            c.bytesForwarded += length;
            c.rowsForwarded++;
            at += length;
        }
        if (at == all.writerIndex()) {
            session.writeToClient(all);
        } else {
            if (at > start) session.writeToClient(all.retainedSlice(start, at - start));
            f.release();
        }
        return true;
    }

    /** A piece of one large DataRow or CopyData: the decision is taken at its first piece, for all of it. */
    private boolean onRowPart(FramePart p) {
        if (p.tag() != BackendTag.DATA_ROW && p.tag() != BackendTag.COPY_DATA) return false;
        ResultCounter c = current();
        if (p.first()) {
            droppingPart = c.dropping;
            if (!droppingPart && c.cap >= 0 && c.rowsForwarded >= c.cap) {
                c.cut = true;
                c.dropping = true;
                droppingPart = true;
            } else if (!droppingPart && maxBytes > 0 && c.bytesForwarded + p.messageLength() > maxBytes) {
                overBudget(c); // a single value larger than the budget: dropped piece by piece, never held
                droppingPart = true;
            } else if (!droppingPart) {
                c.bytesForwarded += p.messageLength();
                c.rowsForwarded++;
            }
        }
        if (droppingPart) {
            p.release();
        } else {
            session.writeToClient(p.content());
        }
        return true;
    }

    private void overBudget(ResultCounter c) {
        c.overBudget = true;
        c.dropping = true;
        session.metrics().guardAction("byte_budget");
        log.info("guard byte_budget {} statement={} rows_shown={}", who, fingerprint(), c.rowsForwarded);
        boolean safeToCancel = transactionStatus == 'I' && completedSinceReady == 0 && pending.size() == 2
                && pending.peekFirst() == c && pending.peekLast() == SYNC_POINT
                && requests.alone(c);
        if (safeToCancel) {
            startGuardCancel(GuardCancel.BUDGET);
        }
        // otherwise: drain — rows are dropped until the statement ends, the learner's transaction stays intact
    }

    private boolean onCommandComplete(Frame f) {
        ResultCounter c = current();
        completedSinceReady++;
        boolean took = false;
        if (c.overBudget) {
            took = finishOverBudget(c, f);
        } else if (c.cut) {
            session.metrics().guardAction("row_limit");
            log.info("guard row_limit {} statement={} rows_shown={}", who, fingerprint(), c.rowsForwarded);
            session.writeToClient(Session.encode(GuardNotices.rowCap(c.cap, c.cursor)));
            session.writeToClient(MessageWriter.commandComplete(session.alloc(), withCount(WireText.cstring(f.body(), f.body().readerIndex()), c.rowsForwarded)));
            f.release();
            took = true;
        }
        endResult();
        return took;
    }

    /** Ends an over-budget result: a notice and the completion (or, in ERROR mode, an ErrorResponse 54000). */
    private boolean finishOverBudget(ResultCounter c, Frame commandComplete) {
        if (limits.budgetMode() == BudgetMode.ERROR) {
            session.writeToClient(Session.encode(GuardNotices.byteBudgetError(maxBytes)));
            if (commandComplete != null) commandComplete.release();
            return true;
        }
        session.writeToClient(Session.encode(GuardNotices.byteBudget(maxBytes)));
        if (commandComplete != null) {
            session.writeToClient(commandComplete.content());
        } else {
            if (c.copyOut) session.writeToClient(MessageWriter.copyDone(session.alloc()));
            session.writeToClient(MessageWriter.commandComplete(session.alloc(), (c.copyOut ? "COPY " : "SELECT ") + c.rowsForwarded));
        }
        return true;
    }

    private boolean onError(Frame f) {
        String code = WireText.errorField(f.body(), 'C');
        boolean took = false;
        if (cancel == GuardCancel.BUDGET && SqlState.QUERY_CANCELED.equals(code)) {
            // Our own cancel, sent only where it harms nothing: complete the statement as the learner expects.
            finishOverBudget(current(), null);
            f.release();
            took = true;
        } else if (cancel == GuardCancel.TIMEOUT && SqlState.QUERY_CANCELED.equals(code)) {
            session.writeToClient(Session.encode(GuardNotices.statementTimeout(limits.statementTimeout())));
        }
        if (cancel != GuardCancel.NONE) resultOfCancelEnded();
        // The backend skips everything up to the next Sync (or the rest of a simple Query).
        while (!pending.isEmpty() && pending.peek() != SYNC_POINT) pending.poll();
        unplanned = null;
        return took;
    }

    private void onReady(Frame f) {
        transactionStatus = (char) f.body().getByte(f.body().readerIndex());
        while (!pending.isEmpty()) {
            if (pending.poll() == SYNC_POINT) break;
        }
        unplanned = null;
        completedSinceReady = 0;
        if (cancel != GuardCancel.NONE) resultOfCancelEnded();
        if (!pending.contains(SYNC_POINT)) {
            if (statementTimer != null) {
                statementTimer.cancel(false);
                statementTimer = null;
            }
            startIdleTimer();
        }
    }

    private void endResult() {
        if (pending.peek() instanceof ResultCounter) pending.poll();
        unplanned = null;
        if (cancel != GuardCancel.NONE) resultOfCancelEnded();
    }

    private void onParameterStatus(Frame f) {
        ByteBuf body = f.body();
        String name = WireText.cstring(body, body.readerIndex());
        if (name.equals("standard_conforming_strings")) {
            String value = WireText.cstring(body, body.readerIndex() + name.length() + 1);
            requests.standardConformingStrings(value.equals("on"));
        }
    }

    // ------------------------------------------------------------------ timers and cancels

    private void statementTimedOut() {
        statementTimer = null;
        if (pending.isEmpty()) return; // the statement ended just as the timer fired
        session.metrics().guardAction("statement_timeout");
        log.info("guard statement_timeout {} statement={} after {}", who, fingerprint(), limits.statementTimeout());
        startGuardCancel(GuardCancel.TIMEOUT);
    }

    private void startGuardCancel(GuardCancel reason) {
        cancel = reason;
        cancelDelivered = false;
        cancelledResultEnded = false;
        session.guardCancel(() -> {
            cancelDelivered = true;
            releaseHeldIfSettled();
        });
    }

    private void resultOfCancelEnded() {
        cancelledResultEnded = true;
        releaseHeldIfSettled();
    }

    private void releaseHeldIfSettled() {
        if (cancel == GuardCancel.NONE || !cancelDelivered || !cancelledResultEnded) return;
        cancel = GuardCancel.NONE;
        session.replayHeld(held);
    }

    private void startIdleTimer() {
        boolean inTransaction = transactionStatus == 'T' || transactionStatus == 'E';
        Duration t = inTransaction ? limits.idleInTransactionTimeout() : limits.idleSessionTimeout();
        if (t == null || t.isZero()) return;
        idleTimer = session.schedule(() -> {
            idleTimer = null;
            if (inTransaction) rollBackIdleTransaction(t);
            else {
                session.metrics().guardAction("idle_session");
                log.info("guard idle_session {} after {}", who, t);
                session.closeWithFatal(GuardNotices.idleSession(t));
            }
        }, t.toMillis());
    }

    /**
     * An abandoned transaction holds locks and a snapshot: the proxy rolls it back itself and keeps the connection.
     * The client still believes it is in a transaction, so its next request is answered with an ERROR saying what
     * happened and a ReadyForQuery 'I' (the server's truth) instead of being run.
     */
    private void rollBackIdleTransaction(Duration t) {
        session.metrics().guardAction("idle_in_transaction");
        log.info("guard idle_in_transaction {} after {}: rolled back", who, t);
        rollback = Rollback.RUNNING;
        idleLimit = t;
        session.writeToBackend(MessageWriter.query(session.alloc(), "ROLLBACK"));
    }

    /** After our own ROLLBACK: the client's next request gets the explanation instead of running. */
    private Frame answerAfterRollback(Frame f) {
        byte tag = f.tag();
        f.release();
        if (tag == FrontendTag.QUERY || tag == FrontendTag.SYNC || tag == FrontendTag.FUNCTION_CALL) {
            rollback = Rollback.NONE;
            session.writeToClient(Session.encode(GuardNotices.idleInTransaction(idleLimit)));
            session.writeToClient(MessageWriter.readyForQuery(session.alloc(), 'I'));
            session.flushClient();
            startIdleTimer();
        }
        return null; // extended-protocol messages before the Sync are dropped, as the backend would after an error
    }

    void close() {
        if (statementTimer != null) statementTimer.cancel(false);
        if (idleTimer != null) idleTimer.cancel(false);
        held.forEach(ReferenceCountUtil::release);
        held.clear();
    }

    /** "SELECT 1001" → "SELECT 1000": the count the learner actually received. */
    private static String withCount(String commandTag, long rows) {
        int space = commandTag.lastIndexOf(' ');
        return (space < 0 ? commandTag : commandTag.substring(0, space)) + " " + rows;
    }

    private String fingerprint() {
        return String.format("%08x", requests.statementHash());
    }

}
