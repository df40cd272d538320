package org.pgaw.proxy.session;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.ArrayDeque;
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
 * messages are held. The clocks are {@link GuardTimers}, the rollback of an idle transaction {@link IdleRollback}.
 */
final class GuardSession {
    private static final Logger log = LoggerFactory.getLogger(GuardSession.class);
    static final Object SYNC_POINT = new Object();

    private enum GuardCancel { NONE, BUDGET, TIMEOUT }

    private final Session session;
    private final EffectiveLimits limits;
    private final String who;
    private final long maxBytes;

    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private final GuardRequests requests;
    private final IdleRollback rollback;
    private final GuardTimers timers;
    private final ArrayDeque<Object> held = new ArrayDeque<>();
    private ResultCounter unplanned;
    private int completedSinceReady;
    private char transactionStatus = 'I';
    private boolean droppingPart;

    private GuardCancel cancel = GuardCancel.NONE;
    private boolean cancelDelivered = true;
    private boolean cancelledResultEnded = true;

    GuardSession(Session session, EffectiveLimits limits, LimitRewriter rewriter, String who) {
        this.session = session;
        this.limits = limits;
        this.who = who + " limits=" + limits.source();
        this.maxBytes = limits.maxResultBytes();
        this.requests = new GuardRequests(rewriter, limits.maxRows(), pending);
        this.rollback = new IdleRollback(session, this.who);
        this.timers = new GuardTimers(session, limits, this::statementTimedOut, rollback::start, this::idleSessionEnded);
    }

    // ------------------------------------------------------------------ client → backend

    /** True while client messages must wait for a guard cancel to settle. */
    boolean holding() {
        return rollback.running() || cancel != GuardCancel.NONE && !(cancelDelivered && cancelledResultEnded);
    }

    void hold(Object msg) {
        held.add(msg);
    }

    /** A whole client message; returns the frame to forward (the same one, or its rewrite), or null: answered. */
    Frame fromClient(Frame f) {
        if (rollback.clientUntold() && f.tag() != FrontendTag.TERMINATE) {
            if (rollback.answer(f)) timers.startIdleTimer(inTransaction());
            return null;
        }
        clientActivity();
        return requests.fromClient(f);
    }

    /** Any client traffic: the session is not idle, and a statement may now run. */
    void clientActivity() {
        timers.clientActivity();
    }

    // ------------------------------------------------------------------ backend → client

    /** Returns true when the guard took the message (forwarded, replaced or dropped it). */
    boolean fromBackend(Object msg) {
        if (msg instanceof FramePart p) return onRowPart(p);
        Frame f = (Frame) msg;
        if (rollback.running()) return rollbackReply(f);
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

    /** A reply to our own ROLLBACK: its ReadyForQuery tells the server's truth and lets the held messages go. */
    private boolean rollbackReply(Frame f) {
        boolean ready = f.tag() == BackendTag.READY_FOR_QUERY;
        if (ready) transactionStatus = (char) f.body().getByte(f.body().readerIndex());
        boolean took = rollback.takeReply(f);
        if (ready) session.replayHeld(held);
        return took;
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
            session.sendToClient(GuardNotices.rowCap(c.cap, c.cursor));
            session.writeToClient(MessageWriter.commandComplete(session.alloc(), withCount(WireText.cstring(f.body(), f.body().readerIndex()), c.rowsForwarded)));
            f.release();
            took = true;
        } else if (c.cursor && c.cap >= 0 && c.rowsForwarded >= c.cap) {
            // the rewrite makes a DECLAREd cursor hold exactly cap rows: reaching them is reaching the cap
            session.sendToClient(GuardNotices.rowCap(c.cap, true));
        }
        endResult();
        return took;
    }

    /** Ends an over-budget result: a notice and the completion (or, in ERROR mode, an ErrorResponse 54000). */
    private boolean finishOverBudget(ResultCounter c, Frame commandComplete) {
        if (limits.budgetMode() == BudgetMode.ERROR) {
            session.sendToClient(GuardNotices.byteBudgetError(maxBytes));
            if (commandComplete != null) commandComplete.release();
            return true;
        }
        session.sendToClient(GuardNotices.byteBudget(maxBytes));
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
            session.sendToClient(GuardNotices.statementTimeout(limits.statementTimeout()));
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
        if (!pending.contains(SYNC_POINT)) timers.idle(inTransaction());
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

    private boolean inTransaction() {
        return transactionStatus == 'T' || transactionStatus == 'E';
    }

    private void idleSessionEnded(Duration t) {
        session.metrics().guardAction("idle_session");
        log.info("guard idle_session {} after {}", who, t);
        session.closeWithFatal(GuardNotices.idleSession(t));
    }

    void close() {
        timers.close();
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
