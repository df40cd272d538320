package org.pgaw.proxy.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.ArrayDeque;
import org.pgaw.proxy.codec.Frame;
import org.pgaw.proxy.codec.FramePart;
import org.pgaw.proxy.config.GuardConfig.BudgetMode;
import org.pgaw.proxy.guard.EffectiveLimits;
import org.pgaw.proxy.guard.LimitRewriter;
import org.pgaw.proxy.guard.StatementGate;
import org.pgaw.proxy.protocol.BackendTag;
import org.pgaw.proxy.protocol.FrontendTag;
import org.pgaw.proxy.protocol.MessageWriter;
import org.pgaw.proxy.protocol.SqlState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guards at work inside one session, failing closed: every result the learner receives is counted on the wire
 * and capped at the session's row cap (rows, COPY rows, and notices separately), every byte sent on behalf of a
 * statement counts against the byte budget, and every unit of work runs under the statement timer
 * ({@link BackendWork}: one unit in flight at a time). The rewrite of {@link GuardRequests} only makes PostgreSQL
 * stop early; when it did not, the rest of a cut result is dropped and the statement cancelled where that cannot
 * hurt, else drained.
 *
 * <p>Where results belong: every statement the backend will answer is queued in {@code pending} as a
 * {@link ResultCounter} (a simple-Query statement in order, or an Execute of a portal), and every ReadyForQuery the
 * client awaits as {@link #SYNC_POINT}. CommandComplete, EmptyQueryResponse and PortalSuspended end the head entry;
 * ErrorResponse ends everything up to the next sync point (the backend skips the rest); ReadyForQuery consumes
 * the sync point. Results with no queued entry get a fresh capped counter ({@link GuardRequests#unplanned()}).
 *
 * <p>Cancels the guards send never hit the learner's next statement: from the cancel until PostgreSQL has closed
 * the cancel connection (the signal is delivered) and the cancelled statement has ended, the client's next
 * messages are held. The clocks are {@link GuardTimers}, the rollback of an idle transaction {@link IdleRollback}.
 */
final class GuardSession {
    private static final Logger log = LoggerFactory.getLogger(GuardSession.class);
    static final Object SYNC_POINT = new Object();
    private static final byte[] FLUSH = {FrontendTag.FLUSH, 0, 0, 0, 4};

    /** STOP: the proxy stopped the statement (its timer, the class's long places); {@link #stopText} says why. */
    private enum GuardCancel { NONE, BUDGET, ROWS, STOP }

    private final Session session;
    private final EffectiveLimits limits;
    private final String who;
    private final long maxBytes;

    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private final GuardRequests requests;
    private final IdleRollback rollback;
    private final GuardTimers timers;
    private final BackendWork work = new BackendWork();
    private final ArrayDeque<Object> held = new ArrayDeque<>();
    private final StatementAdmission admission;
    /**
     * Every transaction of the session is read-only on the server (a startup setting the learner cannot change:
     * the gate refuses SET/RESET of it, BEGIN/SET TRANSACTION READ WRITE and set_config), so a write the gate cannot
     * see — a function that writes, called from a SELECT — fails in PostgreSQL too. Off where the teacher's policy
     * allows a writing category.
     */
    private final boolean readOnly;
    private boolean replaying;
    private boolean replayScheduled;
    private ResultCounter unplanned;
    private int completedSinceReady;
    private char transactionStatus = 'I';
    private boolean droppingPart;
    /** The client's large message being streamed is a FunctionCall: its pieces are dropped, the last one refused. */
    private boolean refusingPart;

    /** The transaction age clock: runs while a transaction is open, whatever happens in it. */
    private io.netty.util.concurrent.ScheduledFuture<?> transactionAge;
    private boolean transactionTooOld;

    /** ErrorResponses the learner received (the teacher's console counts them per learner). */
    private long errors;
    /** application_name as PostgreSQL reports it (a client may SET it after startup, as pgjdbc does), or null. */
    private String applicationName;

    private GuardCancel cancel = GuardCancel.NONE;
    private boolean cancelDelivered = true;
    private boolean cancelledResultEnded = true;
    /** What the learner reads instead of PostgreSQL's 57014 after a STOP cancel. */
    private org.pgaw.proxy.protocol.ProxyMessage stopText;

    GuardSession(Session session, EffectiveLimits limits, LimitRewriter rewriter,
                 StatementGate gate, String who, String user) {
        this.session = session;
        this.limits = limits;
        this.who = who + " limits=" + limits.source();
        this.maxBytes = limits.maxResultBytes();
        this.requests = new GuardRequests(rewriter, new WireCaps(limits), gate, pending);
        this.readOnly = !gate.allowsWrites();
        this.rollback = new IdleRollback(session, this.who);
        this.timers = new GuardTimers(session, limits, this::statementTimedOut, this::idleInTransaction,
                this::idleSessionEnded);
        this.admission = new StatementAdmission(session, user, limits, held, timers, this::resume,
                () -> transactionStatus, new LongStatementTurn(session, session.context().longs, this::noLongPlace));
    }

    // ------------------------------------------------------------------ client → backend

    /** True while client messages must wait (a guard cancel settling, our rollback, or earlier messages held). */
    boolean holding() {
        return blocked() || !held.isEmpty() && !replaying;
    }

    private boolean blocked() {
        return rollback.running() || admission.waiting() || cancel != GuardCancel.NONE && !(cancelDelivered && cancelledResultEnded);
    }

    void hold(Object msg) {
        if (replaying) held.addFirst(msg);
        else held.add(msg);
    }

    /** A whole client message; returns the frame to forward (the same one, its rewrite or stand-in), or null: taken. */
    Frame fromClient(Frame f) {
        if (rollback.clientUntold() && f.tag() != FrontendTag.TERMINATE) {
            if (rollback.answer(f)) timers.startIdleTimer(inTransaction());
            return null;
        }
        if (admission.skipping(f)) return null;
        if (!admit(f.tag(), f)) {
            hold(f);
            session.updateAutoRead();
            return null;
        }
        Frame out = requests.fromClient(f);
        afterForward(out.tag());
        return out;
    }

    /**
     * A piece of a large client message (COPY data, a huge FunctionCall): the decision is taken at its first piece.
     * Returns false when the guard took the piece (held or dropped).
     */
    boolean fromClientPart(FramePart p) {
        if (admission.skipping(p)) return false;
        if (p.first()) {
            if (!admit(p.tag(), null)) {
                hold(p);
                session.updateAutoRead();
                return false;
            }
            refusingPart = p.tag() == FrontendTag.FUNCTION_CALL && requests.refusesFunctionCalls();
            if (!refusingPart) {
                if (p.tag() == FrontendTag.FUNCTION_CALL) pending.add(SYNC_POINT); // allowed: it ends with Z
                afterForward(p.tag());
            }
        }
        if (!refusingPart) return true;
        p.release();
        if (p.last()) {
            refusingPart = false;
            Frame standIn = requests.fromClient(new Frame(FrontendTag.FUNCTION_CALL,
                    Unpooled.wrappedBuffer(new byte[] {FrontendTag.FUNCTION_CALL, 0, 0, 0, 4})));
            session.writeToBackend(standIn.content());
            afterForward(standIn.tag());
        }
        return false;
    }

    /** Whether a client message may go now; sends the proxy's own Flush after an Execute when needed. */
    private boolean admit(byte tag, Frame f) {
        if (!admission.mayGo(tag, f)) return false; // waits for one of the learner's statements to end
        switch (work.admit(tag)) {
            case FORWARD:
                return true;
            case FLUSH_THEN_HOLD:
                session.writeToBackend(Unpooled.wrappedBuffer(FLUSH));
                work.flushSent();
                return false;
            default:
                return false;
        }
    }

    private void afterForward(byte tag) {
        if (work.forwarded(tag)) {
            // PostgreSQL flushes a Query's replies only at its end, so the proxy cannot see where one statement stops
            // and the next begins: a Query of n statements gets n times the limit, PostgreSQL's own statement_timeout
            // (set at startup, see serverLimits) stops each statement on time.
            timers.statementStarted(tag == FrontendTag.QUERY ? requests.statementsOfLastQuery() : 1);
        } else if (!work.inFlight()) {
            timers.clientMessage(inTransaction());
        }
    }

    /** Sends the held client messages on, in order, as far as they may go now. */
    private void replay() {
        replayScheduled = false;
        if (replaying || held.isEmpty()) return;
        replaying = true;
        try {
            while (!held.isEmpty() && !blocked()) {
                Object msg = held.poll();
                int before = held.size();
                if (!session.fromClient(msg)) ReferenceCountUtil.release(msg);
                if (held.size() > before) break; // held again: it waits for the next end of work
            }
        } finally {
            replaying = false;
        }
        session.flushBackend();
        session.updateAutoRead();
    }

    /** After the backend message being handled has gone to the client (the order of replies is kept). */
    private void replayLater() {
        if (held.isEmpty() || replayScheduled) return;
        replayScheduled = true;
        session.schedule(this::replay, 0);
    }

    // ------------------------------------------------------------------ backend → client

    /** Returns true when the guard took the message (forwarded, replaced or dropped it). */
    boolean fromBackend(Object msg) {
        if (msg instanceof FramePart p) return onPart(p);
        Frame f = (Frame) msg;
        if (rollback.running()) return rollbackReply(f);
        switch (f.tag()) {
            case BackendTag.DATA_ROW:
            case BackendTag.COPY_DATA:
                return onRows(f);
            case BackendTag.NOTICE_RESPONSE:
                return onNotices(f);
            case BackendTag.FUNCTION_CALL_RESPONSE:
                return onFunctionResult(f);
            case BackendTag.ROW_DESCRIPTION:
                current().bytesForwarded += f.content().readableBytes();
                return false;
            case BackendTag.COPY_OUT_RESPONSE:
                current().copyOut = true;
                return false;
            case BackendTag.COPY_DONE:
                current().copyDone = true;
                return false;
            case BackendTag.COPY_IN_RESPONSE:
                work.copyIn();
                return false;
            case BackendTag.COMMAND_COMPLETE:
                return onCommandComplete(f);
            case BackendTag.EMPTY_QUERY_RESPONSE:
                endResult();
                return false;
            case BackendTag.PORTAL_SUSPENDED:
                return onSuspended(f);
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
        if (ready && !rollback.running()) {
            work.ready();
            admission.backendReady();
            transactionClock();
            resume();
        }
        return took;
    }

    private ResultCounter current() {
        Object head = pending.peek();
        if (head instanceof ResultCounter c) return c;
        if (unplanned == null) unplanned = requests.unplanned();
        return unplanned;
    }

    /** A run of DataRows or CopyData: forwarded up to the cap and the budget, the rest dropped. */
    private boolean onRows(Frame f) {
        ResultCounter c = current();
        ByteBuf all = f.content();
        int start = all.readerIndex();
        int at = start;
        int n = f.messages();
        int i = 0;
        for (; i < n && !c.dropping; i++) {
            if (c.cap >= 0 && c.rowsForwarded >= c.cap) {
                cutAtCap(c);
                break;
            }
            int length = all.getInt(at + 1) + 1;
            if (maxBytes > 0 && c.bytesForwarded + length > maxBytes) {
                overBudget(c);
                break;
            }
            c.bytesForwarded += length;
            c.rowsForwarded++;
            c.rowsThisExecute++;
            at += length;
        }
        if (i < n) rowsDropped(c, n - i);
        forwardPrefix(f, start, at);
        return true;
    }

    /** NoticeResponses of a statement count as rows carried another way: at most the cap, and within the budget. */
    private boolean onNotices(Frame f) {
        ResultCounter c = current();
        ByteBuf all = f.content();
        int start = all.readerIndex();
        int at = start;
        int n = f.messages();
        boolean sayCut = false;
        for (int i = 0; i < n && !c.overBudget; i++) {
            if (c.cap >= 0 && c.noticesForwarded >= c.cap) {
                sayCut = !c.noticesCut;
                c.noticesCut = true;
                break;
            }
            int length = all.getInt(at + 1) + 1;
            if (maxBytes > 0 && c.bytesForwarded + length > maxBytes) {
                overBudget(c);
                break;
            }
            c.bytesForwarded += length;
            c.noticesForwarded++;
            at += length;
        }
        forwardPrefix(f, start, at);
        if (sayCut) {
            session.metrics().guardAction("notice_limit");
            acted("notice_limit", GuardNotices.noticesCut(c.cap));
            session.sendToClient(GuardNotices.noticesCut(c.cap));
        }
        return true;
    }

    /** Writes bytes [start, at) of the frame to the client and releases the frame. */
    private void forwardPrefix(Frame f, int start, int at) {
        ByteBuf all = f.content();
        if (start == all.readerIndex() && at == all.writerIndex()) {
            session.writeToClient(all);
            return;
        }
        if (at > start) session.writeToClient(all.retainedSlice(start, at - start));
        f.release();
    }

    /** A FunctionCallResponse over the budget cannot be cut: the learner gets the budget error instead. */
    private boolean onFunctionResult(Frame f) {
        ResultCounter c = current();
        long length = f.content().readableBytes();
        if (maxBytes > 0 && c.bytesForwarded + length > maxBytes) {
            f.release();
            session.sendToClient(GuardNotices.byteBudgetError(maxBytes));
            return true;
        }
        c.bytesForwarded += length;
        return false;
    }

    /** A piece of one large message: the decision is taken at its first piece, for all of it. */
    private boolean onPart(FramePart p) {
        byte tag = p.tag();
        if (tag != BackendTag.DATA_ROW && tag != BackendTag.COPY_DATA && tag != BackendTag.NOTICE_RESPONSE
                && tag != BackendTag.FUNCTION_CALL_RESPONSE) {
            return false;
        }
        ResultCounter c = current();
        if (p.first()) {
            boolean notice = tag == BackendTag.NOTICE_RESPONSE;
            droppingPart = notice ? c.overBudget : c.dropping;
            if (droppingPart) {
                if (!notice) rowsDropped(c, 1);
            } else if (!notice && c.cap >= 0 && c.rowsForwarded >= c.cap) {
                cutAtCap(c);
                rowsDropped(c, 1);
                droppingPart = true;
            } else if (notice && c.cap >= 0 && c.noticesForwarded >= c.cap) {
                droppingPart = true;
            } else if (maxBytes > 0 && c.bytesForwarded + p.messageLength() > maxBytes) {
                if (tag == BackendTag.FUNCTION_CALL_RESPONSE) session.sendToClient(GuardNotices.byteBudgetError(maxBytes));
                else overBudget(c); // a single value larger than the budget: dropped piece by piece, never held
                droppingPart = true;
            } else {
                c.bytesForwarded += p.messageLength();
                if (notice) {
                    c.noticesForwarded++;
                } else {
                    c.rowsForwarded++;
                    c.rowsThisExecute++;
                }
            }
        }
        if (droppingPart) {
            p.release();
        } else {
            session.writeToClient(p.content());
        }
        return true;
    }

    /** The first row over the cap: the rest of the result is dropped. */
    private void cutAtCap(ResultCounter c) {
        c.cut = true;
        c.dropping = true;
    }

    /**
     * Rows dropped after a cut. The rewrite and the lowered Execute ask PostgreSQL for one row more than the cap,
     * so a second dropped row means PostgreSQL was not told to stop: it is stopped now (or drained).
     */
    private void rowsDropped(ResultCounter c, int n) {
        long before = c.rowsDropped;
        c.rowsDropped += n;
        if (before < 2 && c.rowsDropped >= 2 && !c.overBudget) stopBackend(c, GuardCancel.ROWS);
    }

    private void overBudget(ResultCounter c) {
        c.overBudget = true;
        c.dropping = true;
        session.metrics().guardAction("byte_budget");
        log.info("guard byte_budget {} statement={} rows_shown={}", who, fingerprint(), c.rowsForwarded);
        acted("byte_budget", GuardNotices.byteBudget(maxBytes));
        stopBackend(c, GuardCancel.BUDGET);
    }

    /**
     * Stops a statement whose rest is dropped: a cancel when it cannot hurt (the statement is alone in its request
     * and outside a transaction, so nothing else is rolled back), otherwise the rows are drained until it ends (the
     * statement timer bounds that).
     */
    private void stopBackend(ResultCounter c, GuardCancel reason) {
        if (cancel != GuardCancel.NONE) return;
        boolean safeToCancel = transactionStatus == 'I' && completedSinceReady == 0 && pending.size() == 2
                && pending.peekFirst() == c && pending.peekLast() == SYNC_POINT
                && requests.alone(c);
        if (safeToCancel) startGuardCancel(reason);
    }

    private boolean onCommandComplete(Frame f) {
        ResultCounter c = current();
        completedSinceReady++;
        boolean took = false;
        boolean cursorEnds = c.move != null && cursorMoved(c, WireText.cstring(f.body(), f.body().readerIndex()));
        if (c.overBudget) {
            took = finishOverBudget(c, f);
        } else if (c.cut) {
            if (c.move != null) c.move.cursor().told = true;
            finishCut(c, CompletionTags.withCount(WireText.cstring(f.body(), f.body().readerIndex()), c.rowsThisExecute));
            f.release();
            took = true;
        } else if (cursorEnds && !c.move.cursor().told) {
            c.move.cursor().told = true; // the cursor was made to end at its cap: said once per cursor
            session.sendToClient(GuardNotices.rowCap(c.move.cursor().cap, true));
        }
        endResult();
        return took;
    }

    /** A FETCH or MOVE completed with PostgreSQL's own count: true when a FETCH reached the cursor's cap. */
    private static boolean cursorMoved(ResultCounter c, String commandTag) {
        int space = commandTag.lastIndexOf(' ');
        try {
            return c.move.moved(Long.parseLong(commandTag.substring(space + 1))) && c.move.fetch();
        } catch (NumberFormatException e) {
            c.move.cursor().position = -1;
            return false;
        }
    }

    /** A portal stopped at the cap ends as complete: the notice and CommandComplete, never a short batch. */
    private boolean onSuspended(Frame f) {
        ResultCounter c = current();
        boolean took = false;
        if (c.move != null) c.move.cursor().position = -1; // a FETCH run as a portal: PostgreSQL's count is not told
        if (c.overBudget) {
            took = finishOverBudget(c, null);
            f.release();
        } else if (c.cut) {
            finishCut(c, c.completionTag(c.rowsThisExecute));
            f.release();
            took = true;
        }
        endResult();
        return took;
    }

    private void finishCut(ResultCounter c, String commandTag) {
        session.metrics().guardAction("row_limit");
        log.info("guard row_limit {} statement={} rows_shown={}", who, fingerprint(), c.rowsForwarded);
        acted("row_limit", GuardNotices.rowCap(c.move != null ? c.move.cursor().cap : c.cap, c.cursor));
        if (c.copyOpen()) session.writeToClient(MessageWriter.copyDone(session.alloc()));
        session.sendToClient(GuardNotices.rowCap(c.move != null ? c.move.cursor().cap : c.cap, c.cursor));
        session.writeToClient(MessageWriter.commandComplete(session.alloc(), commandTag));
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
            String tag = WireText.cstring(commandComplete.body(), commandComplete.body().readerIndex());
            commandComplete.release();
            session.writeToClient(MessageWriter.commandComplete(session.alloc(), CompletionTags.withCount(tag, c.rowsThisExecute)));
        } else {
            if (c.copyOpen()) session.writeToClient(MessageWriter.copyDone(session.alloc()));
            session.writeToClient(MessageWriter.commandComplete(session.alloc(), c.completionTag(c.rowsThisExecute)));
        }
        return true;
    }

    private boolean onError(Frame f) {
        ResultCounter c = current();
        String code = WireText.errorField(f.body(), 'C');
        boolean took = true;
        errors++;
        if (c.refusal != null && Refusals.isStandInError(f.body())) {
            f.release();
            session.sendToClient(GuardNotices.refusal(c.refusal));
            session.metrics().guardAction("refused");
            acted("refused", GuardNotices.refusal(c.refusal));
        } else if ((cancel == GuardCancel.BUDGET || cancel == GuardCancel.ROWS) && SqlState.QUERY_CANCELED.equals(code)) {
            // Our own cancel, sent only where it harms nothing: complete the statement as the learner expects.
            if (cancel == GuardCancel.BUDGET) finishOverBudget(c, null);
            else finishCut(c, c.completionTag(c.rowsThisExecute));
            f.release();
        } else if (cancel == GuardCancel.STOP && SqlState.QUERY_CANCELED.equals(code)) {
            f.release();
            session.sendToClient(stopText);
        } else if (maxBytes > 0 && c.bytesForwarded + f.content().readableBytes() > maxBytes) {
            ByteBuf trimmed = ErrorTrim.trim(session.alloc(), f.content(), maxBytes - c.bytesForwarded);
            f.release();
            session.writeToClient(trimmed);
        } else {
            took = errorAsTheLearnerWroteIt(f);
        }
        if (cancel != GuardCancel.NONE) resultOfCancelEnded();
        // The backend skips everything up to the next Sync (or the rest of a simple Query).
        while (!pending.isEmpty() && pending.peek() != SYNC_POINT) pending.poll();
        unplanned = null;
        if (work.error()) unitEnded();
        return took;
    }

    /** An error about rewritten text gets its position (and a syntax error's words) for the learner's own text. */
    private boolean errorAsTheLearnerWroteIt(Frame f) {
        org.pgaw.proxy.guard.PositionMap map = requests.positions(work.unit() == BackendWork.Unit.QUERY);
        if (map.identity()) return false;
        byte[] body = new byte[f.bodyLength()];
        f.body().getBytes(f.body().readerIndex(), body);
        byte[] fixed = org.pgaw.proxy.guard.ErrorPositions.remap(body, map);
        if (fixed == body) return false;
        ByteBuf out = session.alloc().buffer(5 + fixed.length);
        out.writeByte(BackendTag.ERROR_RESPONSE).writeInt(4 + fixed.length).writeBytes(fixed);
        f.release();
        session.writeToClient(out);
        return true;
    }

    private void onReady(Frame f) {
        transactionStatus = (char) f.body().getByte(f.body().readerIndex());
        while (!pending.isEmpty()) {
            if (pending.poll() == SYNC_POINT) break;
        }
        unplanned = null;
        completedSinceReady = 0;
        if (cancel != GuardCancel.NONE) resultOfCancelEnded();
        if (pending.contains(SYNC_POINT)) return; // more ReadyForQuery to come (a run of stand-ins)
        work.ready();
        admission.backendReady();
        unitEnded();
    }

    private void endResult() {
        ResultCounter c = current();
        c.rowsThisExecute = 0;
        if (pending.peek() instanceof ResultCounter) pending.poll();
        unplanned = null;
        if (cancel != GuardCancel.NONE) resultOfCancelEnded();
        if (work.resultEnded()) unitEnded();
    }

    private void unitEnded() {
        transactionClock();
        if (transactionTooOld && inTransaction() && !rollback.running() && !rollback.clientUntold()) {
            transactionTooOld = false;
            timers.idle(false);
            rollback.startTooOld(limits.maxTransactionDuration(), work.skippingToSync());
            return; // the held messages wait for the rollback's ReadyForQuery
        }
        timers.idle(inTransaction());
        replayLater();
    }

    /**
     * Starts the transaction age clock when a unit of work ends with a transaction open (a BEGIN, or an Execute
     * not yet synced; a request that ends its own implicit transaction costs no timer) and stops it when none is open. At the limit the
     * transaction is rolled back as soon as nothing runs (the statement timer bounds the wait), however busy the
     * learner keeps it: a cursor fetched one row at a time holds its locks and snapshot as long as it lives.
     */
    private void transactionClock() {
        Duration max = limits.maxTransactionDuration();
        if (max == null || max.isZero()) return;
        boolean open = inTransaction();
        if (open && transactionAge == null) {
            transactionAge = session.schedule(this::transactionAgeReached, max.toMillis());
        } else if (!open && transactionAge != null) {
            transactionAge.cancel(false);
            transactionAge = null;
            transactionTooOld = false;
        }
    }

    private void transactionAgeReached() {
        transactionAge = null;
        if (!inTransaction()) return;
        transactionTooOld = true;
        if (!work.inFlight() && cancel == GuardCancel.NONE) unitEnded();
    }

    private void onParameterStatus(Frame f) {
        ByteBuf body = f.body();
        String name = WireText.cstring(body, body.readerIndex());
        if (name.equals("application_name")) applicationName = WireText.cstring(body, body.readerIndex() + name.length() + 1);
        if (name.equals("standard_conforming_strings")) {
            String value = WireText.cstring(body, body.readerIndex() + name.length() + 1);
            requests.standardConformingStrings(value.equals("on"));
        }
    }

    // ------------------------------------------------------------------ timers and cancels

    private void statementTimedOut() {
        if (!work.inFlight() || cancel != GuardCancel.NONE) return; // it ended just as the timer fired
        session.metrics().guardAction("statement_timeout");
        log.info("guard statement_timeout {} statement={} after {}", who, fingerprint(), limits.statementTimeout());
        stop("statement_timeout", GuardNotices.statementTimeout(limits.statementTimeout()));
    }

    /** The statement ran long while every one of the class's long places was held: it is stopped. */
    private void noLongPlace() {
        if (!work.inFlight() || cancel != GuardCancel.NONE) return;
        LongStatements longs = session.context().longs;
        session.metrics().guardAction("long_statement_cancel");
        log.info("guard long_statement_cancel {} statement={} after {} with {} long places held", who, fingerprint(),
                longs.after(), longs.places());
        stop("long_statement_cancel", WaitNotices.noLongPlace(longs.places(), longs.after()));
    }

    private void stop(String action, org.pgaw.proxy.protocol.ProxyMessage text) {
        acted(action, text);
        stopText = text;
        startGuardCancel(GuardCancel.STOP);
    }

    private void idleInTransaction(Duration limit) {
        rollback.start(limit, work.skippingToSync());
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
        resume();
    }

    /**
     * Client messages may go again after a cancel or our rollback: the held ones in order, and reading resumes
     * (a writability change while blocked may have switched it off, with nothing held to replay).
     */
    private void resume() {
        if (held.isEmpty()) session.updateAutoRead();
        else replayLater();
    }

    private boolean inTransaction() {
        return transactionStatus == 'T' || transactionStatus == 'E' || work.unsynced();
    }

    private void idleSessionEnded(Duration t) {
        session.metrics().guardAction("idle_session");
        log.info("guard idle_session {} after {}", who, t);
        session.guardEvent("idle_session", null, GuardNotices.idleSession(t).message());
        session.closeWithFatal(GuardNotices.idleSession(t));
    }

    /**
     * Startup parameters for the backend: PostgreSQL's own statement and idle-in-transaction timeouts, a little above
     * the proxy's so the proxy acts first (with its own words) and PostgreSQL holds each statement of a
     * multi-statement Query to the limit. Startup parameters override the role's defaults and the client's options.
     */
    java.util.Map<String, String> serverLimits() {
        java.util.Map<String, String> p = new java.util.LinkedHashMap<>();
        Duration statement = limits.statementTimeout();
        if (statement != null && !statement.isZero()) p.put("statement_timeout", (statement.toMillis() + 1000) + "ms");
        Duration idle = limits.idleInTransactionTimeout();
        if (idle != null && !idle.isZero()) {
            p.put("idle_in_transaction_session_timeout", (idle.toMillis() * 2 + 1000) + "ms");
        }
        if (readOnly) p.put("default_transaction_read_only", "on");
        return p;
    }

    /** A CancelRequest: true when it ended a statement still waiting for a slot (nothing runs to cancel). */
    boolean cancelWait() {
        return admission.cancelWait();
    }

    void close() {
        admission.close();
        timers.close();
        if (transactionAge != null) transactionAge.cancel(false);
        held.forEach(ReferenceCountUtil::release);
        held.clear();
    }

    /** The statement's shape in logs and the console (never the SQL itself in the logs). */
    private String fingerprint() {
        return org.pgaw.proxy.guard.StatementFingerprint.of(requests.lastStatement());
    }

    /** The teacher's console hears of every guard action (only then: nothing is made per statement). */
    private void acted(String action, org.pgaw.proxy.protocol.ProxyMessage shown) {
        session.guardEvent(action, requests.lastStatement(), shown.message());
    }

    // ------------------------------------------------------------------ read by the teacher's console (event loop)

    String lastStatement() { return requests.lastStatement(); }

    long statements() { return requests.statements(); }

    long errors() { return errors; }

    String applicationName() { return applicationName; }

    char transactionStatus() { return transactionStatus; }

    /** Rows and bytes the result being delivered has sent so far ({0, 0} between results). */
    long[] currentResult() {
        return pending.peek() instanceof ResultCounter c ? new long[] {c.rowsForwarded, c.bytesForwarded}
                : unplanned != null ? new long[] {unplanned.rowsForwarded, unplanned.bytesForwarded} : new long[2];
    }
}
