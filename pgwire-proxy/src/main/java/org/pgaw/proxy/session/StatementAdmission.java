package org.pgaw.proxy.session;

import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.IntSupplier;
import org.pgaw.proxy.codec.Frame;
import org.pgaw.proxy.codec.FramePart;
import org.pgaw.proxy.guard.EffectiveLimits;
import org.pgaw.proxy.protocol.FrontendTag;
import org.pgaw.proxy.protocol.MessageWriter;
import org.pgaw.proxy.protocol.ProxyMessage;

/**
 * One guarded session's share of its learner's {@link RunningStatements running statements}. A run of work — a
 * Query, or the extended-protocol messages up to Sync — takes a slot at its first message and gives it back at the
 * backend's ReadyForQuery (or when the session ends). While the learner's slots are all taken the run waits here:
 * nothing of it reaches PostgreSQL, the client's later messages queue behind it in the session, and no clock of the
 * guards runs — the statement timer starts when the statement is sent, so nobody is cancelled for waiting, and the
 * idle clocks do not count a session that waits as idle.
 *
 * <p>A wait ends when a slot is handed over (first come, first served), or with an ERROR 57014: the learner
 * cancelled it (CancelRequest, or pgAdmin's Stop from another connection: {@link LightStatements}), or it lasted the
 * statement time limit (a statement must not wait forever). The run's messages are then dropped, up to its Sync, as
 * PostgreSQL skips them after an error; the ReadyForQuery keeps the transaction's state, since nothing ran. After a
 * second of waiting the learner is told once why nothing happens.
 *
 * <p>Everything here runs on the session's event loop but {@link Waiter#granted} and {@link Waiter#cancel}, which
 * come from other sessions' loops and hop to this one.
 */
final class StatementAdmission {
    /** How long a statement waits before the learner is told why. */
    static final long NOTICE_AFTER_MILLIS = 1000;

    /** EXEMPT: a run of {@link LightStatements} goes without a slot while the learner's slots are all taken. */
    private enum State { FREE, WAITING, RUNNING, EXEMPT, CLOSED }

    /** What a waiting run waits for: one of the learner's own slots, or then one of the class's long places. */
    private enum Awaits { LEARNER_SLOT, LONG_PLACE }

    private final Session session;
    private final RunningStatements running;
    private final LongStatementTurn turn;
    private final String userName;
    private final EffectiveLimits limits;
    private final ArrayDeque<Object> held;
    private final GuardTimers timers;
    private final Runnable resume;
    private final IntSupplier transactionStatus;

    private RunningStatements.User user;
    private State state = State.FREE;
    private Waiter waiter;
    private Awaits awaits;
    private ScheduledFuture<?> notice;
    private ScheduledFuture<?> expiry;
    /** The wait ended with an error before the run's Sync arrived: messages are dropped up to it. */
    private boolean skippingToSync;
    /** The wait ended with an error before all pieces of a large FunctionCall arrived: the rest is dropped. */
    private boolean skippingPieces;

    /**
     * @param held              the session's queue of held client messages, whose head is the waiting run
     * @param resume            lets the held messages go on (they run, or wait again)
     * @param transactionStatus the backend's last ReadyForQuery status, for the proxy's own ReadyForQuery
     */
    StatementAdmission(Session session, String userName, EffectiveLimits limits, ArrayDeque<Object> held,
                       GuardTimers timers, Runnable resume, IntSupplier transactionStatus, LongStatementTurn turn) {
        this.session = session;
        this.running = session.context().running;
        this.turn = turn;
        this.userName = userName;
        this.limits = limits;
        this.held = held;
        this.timers = timers;
        this.resume = resume;
        this.transactionStatus = transactionStatus;
    }

    /** True while the session's run waits for a slot (the session holds its client messages). */
    boolean waiting() {
        return state == State.WAITING;
    }

    /**
     * Whether a client message may go to the backend now, as far as the learner's slots go; a message that starts
     * a run takes a slot or waits. {@code f} is the whole message, or null for the first piece of a large one.
     */
    boolean mayGo(byte tag, Frame f) {
        if (state == State.RUNNING || !running.enabled() && !turn.enabled() || !startsRun(tag)) return true;
        if (state == State.WAITING || state == State.CLOSED) return false;
        if (user == null) user = running.join(userName);
        if ((state == State.EXEMPT || user.full() || turn.mustWait(user)) && light(tag, f)) {
            state = State.EXEMPT;
            return true;
        }
        if (running.tryAcquire(user)) return start(); // the common case, without making a waiter
        Waiter w = new Waiter(Awaits.LEARNER_SLOT);
        if (running.acquireOrWait(user, w)) return start();
        waiter = w;
        beginWait(Awaits.LEARNER_SLOT);
        return false;
    }

    /**
     * The run holds one of the learner's slots: it starts (true), unless the learner ran long statements lately,
     * when it also needs one of the class's long places and may wait for it (false).
     */
    private boolean start() {
        if (turn.mustWait(user)) {
            Waiter w = new Waiter(Awaits.LONG_PLACE);
            if (!turn.takeOrWait(user, w)) {
                waiter = w;
                beginWait(Awaits.LONG_PLACE);
                return false;
            }
        }
        state = State.RUNNING;
        turn.started(user);
        return true;
    }

    private void beginWait(Awaits what) {
        boolean first = state != State.WAITING;
        state = State.WAITING;
        awaits = what;
        if (notice != null) notice.cancel(false);
        notice = session.schedule(this::tellWhy, NOTICE_AFTER_MILLIS);
        if (!first) return; // the wait goes on, for a long place now: its time limit counts from its start
        timers.waiting();
        Duration limit = waitLimit();
        if (limit != null) expiry = session.schedule(() -> waitedTooLong(limit), limit.toMillis());
    }

    /** Whether the message continues or starts a run of light statements (only looked at when the slots are full). */
    private boolean light(byte tag, Frame f) {
        if (state == State.EXEMPT
                && (tag == FrontendTag.DESCRIBE || tag == FrontendTag.CLOSE || LightStatements.unnamed(f))) {
            return true;
        }
        String text = LightStatements.text(f);
        if (text == null) return false;
        LightStatements.Signal stop = LightStatements.stop(text);
        if (stop == null) return LightStatements.light(text);
        if (stop.cancel()) {
            running.cancelWaiting(user, stop.pid());
            session.context().longs.cancelWaiting(user, stop.pid());
        }
        return true;
    }

    /** Messages that make the backend work (Sync, Flush, COPY data and Terminate never start a run). */
    private static boolean startsRun(byte tag) {
        switch (tag) {
            case FrontendTag.QUERY:
            case FrontendTag.FUNCTION_CALL:
            case FrontendTag.PARSE:
            case FrontendTag.BIND:
            case FrontendTag.DESCRIBE:
            case FrontendTag.EXECUTE:
            case FrontendTag.CLOSE:
                return true;
            default:
                return false;
        }
    }

    /** The backend said ReadyForQuery with nothing more to come: the run ended, its slot is free. */
    void backendReady() {
        if (state == State.RUNNING) {
            running.release(user);
            turn.ended();
        }
        if (state == State.RUNNING || state == State.EXEMPT) state = State.FREE;
    }

    /** A CancelRequest for this session: true when it ended a wait (then nothing runs that it could cancel). */
    boolean cancelWait() {
        if (state != State.WAITING) return false;
        endWait(WaitNotices.cancelled());
        return true;
    }

    /**
     * After a wait ended with an error, the rest of the run up to its Sync is dropped, as PostgreSQL skips to Sync
     * after an error; the Sync goes on, so the backend's ReadyForQuery (also ending what went before the wait, in a
     * run that waited half way) answers it. True when the message was dropped.
     */
    boolean skipping(Object msg) {
        if (skippingPieces && msg instanceof FramePart p) {
            skippingPieces = !p.last();
            p.release();
            return true;
        }
        skippingPieces = false;
        if (!skippingToSync) return false;
        byte tag = msg instanceof Frame f ? f.tag() : ((FramePart) msg).tag();
        if (tag == FrontendTag.TERMINATE) {
            skippingToSync = false;
            return false;
        }
        if (tag == FrontendTag.SYNC) {
            skippingToSync = false;
            return false;
        }
        ReferenceCountUtil.release(msg);
        return true;
    }

    void close() {
        if (state == State.WAITING) giveBackWaiter();
        else if (state == State.RUNNING) {
            running.release(user);
            turn.ended();
        }
        state = State.CLOSED;
        turn.close();
        stopTimers();
        if (user != null) running.leave(user);
        user = null;
    }

    // ------------------------------------------------------------------ the wait

    private void tellWhy() {
        notice = null;
        if (state != State.WAITING) return;
        LongStatements longs = session.context().longs;
        session.metrics().guardAction(awaits == Awaits.LONG_PLACE ? "long_statement_waits" : "statement_waits");
        session.sendToClient(awaits == Awaits.LONG_PLACE ? WaitNotices.waitingForLongPlace(longs.places(), longs.after())
                : WaitNotices.waiting(running.maxPerUser()));
        session.flushClient();
    }

    /**
     * As long as one statement may run; in a transaction also less than PostgreSQL's own idle-in-transaction timeout
     * (twice the proxy's and a second, see GuardSession.serverLimits): PostgreSQL sees a waiting transaction as idle
     * and would end the session. Null: no limit.
     */
    private Duration waitLimit() {
        Duration limit = limits.statementTimeout();
        if (limit != null && limit.isZero()) limit = null;
        Duration idle = limits.idleInTransactionTimeout();
        if (transactionStatus.getAsInt() != 'I' && idle != null && !idle.isZero()) {
            Duration inTransaction = idle.multipliedBy(2);
            if (limit == null || inTransaction.compareTo(limit) < 0) limit = inTransaction;
        }
        return limit;
    }

    private void waitedTooLong(Duration limit) {
        expiry = null;
        if (state != State.WAITING) return;
        LongStatements longs = session.context().longs;
        if (awaits == Awaits.LONG_PLACE) {
            user.markHeavy(); // still queueing for long work: the learner stays heavy (see LongStatementTurn.crossed)
            session.metrics().guardAction("long_statement_wait_timeout");
            endWait(WaitNotices.waitedTooLongForLongPlace(longs.places(), longs.after(), limit));
        } else {
            session.metrics().guardAction("statement_wait_timeout");
            endWait(WaitNotices.waitedTooLong(running.maxPerUser(), limit));
        }
    }

    private void granted(Waiter w) {
        if (w != waiter || state != State.WAITING) return; // taken back already; what it got was given back then
        waiter = null;
        if (w.awaits == Awaits.LONG_PLACE) {
            turn.granted();
            state = State.RUNNING;
            turn.started(user);
        } else if (!start()) {
            return; // it waits on, for a long place
        }
        stopTimers();
        resume.run();
    }

    /** Ends the wait with an error: the run is dropped, the client gets the error and its ReadyForQuery. */
    private void endWait(ProxyMessage error) {
        giveBackWaiter();
        state = State.FREE;
        stopTimers();
        session.sendToClient(error);
        answerSyncs(dropRun());
        session.flushClient();
        timers.idle(transactionStatus.getAsInt() != 'I');
        resume.run();
    }

    private void giveBackWaiter() {
        if (awaits == Awaits.LONG_PLACE) {
            turn.giveBack(waiter);
            running.release(user); // the learner's slot was held while waiting for a place
        } else if (!running.withdraw(user, waiter)) {
            running.release(user); // handed over meanwhile: ours to give back
        }
        waiter = null;
    }

    /**
     * Drops the waiting run from the head of the held messages: a Query or FunctionCall alone (returns 1: the
     * client awaits the proxy's ReadyForQuery), or an extended run up to its Sync, which stays to go to the backend
     * (returns 0).
     */
    private int dropRun() {
        boolean extended = false;
        while (!held.isEmpty()) {
            if (extended && tagOf(held.peek()) == FrontendTag.SYNC) return 0;
            Object msg = held.poll();
            byte tag = tagOf(msg);
            boolean lastPiece = !(msg instanceof FramePart p) || p.last();
            ReferenceCountUtil.release(msg);
            if (!extended && (tag == FrontendTag.QUERY || tag == FrontendTag.FUNCTION_CALL)) {
                if (lastPiece) return 1;
                if (held.isEmpty()) skippingPieces = true; // the rest of a large FunctionCall is still to come
                if (held.isEmpty()) return 1;
                continue;
            }
            extended = true;
        }
        skippingToSync = extended;
        return 0;
    }

    private static byte tagOf(Object msg) {
        return msg instanceof Frame f ? f.tag() : ((FramePart) msg).tag();
    }

    private void answerSyncs(int n) {
        for (int i = 0; i < n; i++) {
            session.writeToClient(MessageWriter.readyForQuery(session.alloc(), (char) transactionStatus.getAsInt()));
        }
    }

    private void stopTimers() {
        if (notice != null) notice.cancel(false);
        if (expiry != null) expiry.cancel(false);
        notice = null;
        expiry = null;
    }

    /**
     * This session's place in its learner's queue, or in the class's queue for a long place; one per wait, so a late
     * hand-over of an old wait is recognised.
     */
    private final class Waiter implements RunningStatements.Waiter {
        private final Awaits awaits;

        Waiter(Awaits awaits) {
            this.awaits = awaits;
        }

        @Override
        public void granted() {
            try {
                session.execute(() -> StatementAdmission.this.granted(this));
            } catch (RejectedExecutionException e) {
                // the proxy is stopping: what was handed over must not be lost all the same
                if (awaits == Awaits.LONG_PLACE) session.context().longs.release(user);
                else running.release(user);
            }
        }

        @Override
        public int backendPid() {
            return session.backendPid();
        }

        @Override
        public void cancel() {
            try {
                session.execute(() -> {
                    if (waiter == this && state == State.WAITING) endWait(WaitNotices.cancelled());
                });
            } catch (RejectedExecutionException e) {
                // the proxy is stopping: the session closes and gives its place back
            }
        }
    }
}
