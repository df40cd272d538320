package org.pgaw.proxy.session;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.pgaw.proxy.codec.Frame;
import org.pgaw.proxy.guard.Decision;
import org.pgaw.proxy.guard.LimitRewriter;
import org.pgaw.proxy.guard.Refusal;
import org.pgaw.proxy.guard.StatementGate;
import org.pgaw.proxy.guard.RewriteResult;
import org.pgaw.proxy.guard.StatementRewrite;
import org.pgaw.proxy.protocol.FrontendTag;

/**
 * The client side of the guards: rewrites Query and Parse to cap their rows, lowers each Execute's row count so
 * PostgreSQL stops a portal itself at the cap, replaces refused requests by {@link Refusals stand-ins}, and queues,
 * for every statement the backend will answer, the {@link ResultCounter} its result is counted in
 * ({@link GuardSession} reads the queue as the results come back). Every counter is capped: what the rewriter did not
 * plan is capped on the wire all the same. Remembers named statements, portals and DECLAREd cursors, each map
 * bounded in count and name length ({@link WireCaps}).
 */
final class GuardRequests {
    private final LimitRewriter rewriter;
    private final WireCaps caps;
    private final ArrayDeque<Object> pending;
    private final Map<String, StatementRewrite> statements = new HashMap<>();
    private final Map<String, ResultCounter> portals = new HashMap<>();
    private final Map<String, CursorMoves.Cursor> cursors = new HashMap<>();
    /** What this session makes PostgreSQL keep in prepared statements (bounded: backend memory). */
    private final PreparedStatementBudget prepared = new PreparedStatementBudget();
    private boolean singleStatementQuery;
    private int statementsOfLastQuery = 1;
    /** How error positions in the last Query / Parse sent map back to the learner's text. */
    private org.pgaw.proxy.guard.PositionMap queryPositions = org.pgaw.proxy.guard.PositionMap.IDENTITY;
    private org.pgaw.proxy.guard.PositionMap parsePositions = org.pgaw.proxy.guard.PositionMap.IDENTITY;
    private boolean standardConformingStrings = true;
    /** The last statement text (a reference to the decoded text, nothing copied): fingerprinted when a guard acts. */
    private String lastStatement;
    /** Query and Parse messages of this session (the teacher's console counts them per learner). */
    private long statementsSent;

    /** The refusal of the protocol's FunctionCall message (the gate's), or null when the policy allows it. */
    private final Refusal functionCalls;

    /** Which statements this session may run (its policy's {@code allow} list). */
    private final StatementGate gate;

    GuardRequests(LimitRewriter rewriter, WireCaps caps, StatementGate gate, ArrayDeque<Object> pending) {
        this.rewriter = rewriter;
        this.gate = gate;
        this.functionCalls = gate.functionCallRefusal();
        this.caps = caps;
        this.pending = pending;
    }

    /** A whole client message; returns the frame to forward (the same one, its rewrite, or a refusal's stand-in). */
    Frame fromClient(Frame f) {
        switch (f.tag()) {
            case FrontendTag.QUERY:
                return onQuery(f);
            case FrontendTag.PARSE:
                return onParse(f);
            case FrontendTag.BIND:
                return onBind(f);
            case FrontendTag.EXECUTE:
                onExecute(f);
                return f;
            case FrontendTag.SYNC:
                for (int i = 0; i < f.messages(); i++) pending.add(GuardSession.SYNC_POINT);
                return f;
            case FrontendTag.CLOSE:
                onClose(f);
                return f;
            case FrontendTag.FUNCTION_CALL:
                if (functionCalls == null) {
                    for (int i = 0; i < f.messages(); i++) pending.add(GuardSession.SYNC_POINT); // each ends with Z
                    return f;
                }
                return refuseFunctionCalls(f);
            default:
                return f;
        }
    }

    boolean refusesFunctionCalls() {
        return functionCalls != null;
    }

    /** True when {@code c} is the only statement of its request (one simple statement, or an Execute's portal). */
    boolean alone(ResultCounter c) {
        return singleStatementQuery || portals.containsValue(c);
    }

    void standardConformingStrings(boolean on) {
        standardConformingStrings = on;
    }

    /** Statements of the last Query as planned (1 when unplanned): the Query's timer is that many times the limit. */
    int statementsOfLastQuery() {
        return statementsOfLastQuery;
    }

    /** The position map for an error of the Query in flight ({@code query}) or of the last Parse. */
    org.pgaw.proxy.guard.PositionMap positions(boolean query) {
        return query ? queryPositions : parsePositions;
    }

    String lastStatement() {
        return lastStatement;
    }

    long statements() {
        return statementsSent;
    }

    /** A result nobody planned (a statement of an unplanned Query, a notice between statements): capped all the same. */
    ResultCounter unplanned() {
        return new ResultCounter(caps.rows(), null);
    }

    private Frame onQuery(Frame f) {
        ByteBuf body = f.body();
        int start = body.readerIndex();
        int end = WireText.cstringEnd(body, start);
        if (end < 0) return f; // malformed: PostgreSQL will say so
        WireText text = WireText.decode(body, start, end - start);
        lastStatement = text.text();
        statementsSent++;
        RewriteResult r = rewriter.rewriteQuery(text.text(), caps.rewriteRows(), standardConformingStrings, gate);
        singleStatementQuery = r.planned() && r.statements().size() == 1;
        statementsOfLastQuery = r.planned() ? Math.max(1, r.statements().size()) : 1;
        queryPositions = r.positions();
        // The lexer's own refusal (it cannot split the text as PostgreSQL will) holds whatever the policy allows.
        Refusal refusal = r.queryRefusal();
        if (refusal == null && r.statements() != null) {
            for (StatementRewrite s : r.statements()) if (refusal == null) refusal = Refusals.of(s);
            if (refusal == null) refusal = prepared.admitQuery(r.statements());
        }
        if (refusal != null) return refuse(f, refusal, Refusals.standInQuery(f.content().alloc()), true);
        if (r.statements() != null) for (StatementRewrite s : r.statements()) pending.add(counterFor(s));
        pending.add(GuardSession.SYNC_POINT);
        if (r.sql().equals(text.text())) return f;
        byte[] sql = text.encode(r.sql());
        ByteBuf out = f.content().alloc().buffer(6 + sql.length);
        out.writeByte(FrontendTag.QUERY).writeInt(4 + sql.length + 1).writeBytes(sql).writeByte(0);
        f.release();
        return new Frame(FrontendTag.QUERY, out);
    }

    private Frame onParse(Frame f) {
        ByteBuf body = f.body();
        int nameStart = body.readerIndex();
        int nameEnd = WireText.cstringEnd(body, nameStart);
        if (nameEnd < 0) return f;
        int queryEnd = WireText.cstringEnd(body, nameEnd + 1);
        if (queryEnd < 0) return f;
        if (nameEnd - nameStart > WireCaps.MAX_NAME_BYTES) {
            return refuse(f, GuardNotices.nameTooLong("prepared statement"), Refusals.standInParse(f.content().alloc()), false);
        }
        String name = body.toString(nameStart, nameEnd - nameStart, StandardCharsets.UTF_8);
        WireText text = WireText.decode(body, nameEnd + 1, queryEnd - nameEnd - 1);
        lastStatement = text.text();
        statementsSent++;
        StatementRewrite s = rewriter.rewriteStatement(text.text(), caps.rewriteRows(), standardConformingStrings, gate);
        Refusal refusal = Refusals.of(s);
        if (refusal == null) refusal = prepared.admitParse(name, text.text().length());
        if (refusal != null) return refuse(f, refusal, Refusals.standInParse(f.content().alloc()), false);
        parsePositions = s.positions();
        remember(statements, name, slim(s));
        if (s.sql().equals(text.text())) return f;
        byte[] sql = text.encode(s.sql());
        int rest = body.writerIndex() - (queryEnd + 1);
        int bodyLength = (nameEnd - nameStart + 1) + sql.length + 1 + rest;
        ByteBuf out = f.content().alloc().buffer(5 + bodyLength);
        out.writeByte(FrontendTag.PARSE).writeInt(4 + bodyLength);
        out.writeBytes(body, nameStart, nameEnd - nameStart + 1).writeBytes(sql).writeByte(0);
        out.writeBytes(body, queryEnd + 1, rest);
        f.release();
        return new Frame(FrontendTag.PARSE, out);
    }

    private Frame onBind(Frame f) {
        ByteBuf body = f.body();
        int portalEnd = WireText.cstringEnd(body, body.readerIndex());
        if (portalEnd < 0) return f;
        if (portalEnd - body.readerIndex() > WireCaps.MAX_NAME_BYTES) {
            return refuse(f, GuardNotices.nameTooLong("portal"), Refusals.standInParse(f.content().alloc()), false);
        }
        String portal = body.toString(body.readerIndex(), portalEnd - body.readerIndex(), StandardCharsets.UTF_8);
        StatementRewrite s = statements.get(WireText.cstring(body, portalEnd + 1));
        remember(portals, portal, s == null ? unplanned() : counterFor(s));
        return f;
    }

    /**
     * The portal's counter goes to the queue, and the Execute asks PostgreSQL for at most one row more than the
     * learner may still see: PostgreSQL then stops the portal itself (PortalSuspended), whatever its statement.
     */
    private void onExecute(Frame f) {
        ByteBuf body = f.body();
        int end = WireText.cstringEnd(body, body.readerIndex());
        String portal = end < 0 ? "" : body.toString(body.readerIndex(), end - body.readerIndex(), StandardCharsets.UTF_8);
        ResultCounter c = portals.get(portal);
        CursorMoves.Cursor cursor = c == null ? cursors.get(portal) : null;
        if (cursor != null) {
            // a DECLAREd cursor is a portal of that name: executing it fetches forward, like FETCH n
            int asked = end < 0 || body.writerIndex() - (end + 1) != 4 ? 0 : body.getInt(end + 1);
            CursorMoves.Move move = new CursorMoves.Move(cursor, CursorMoves.Kind.FORWARD,
                    asked <= 0 ? Long.MAX_VALUE : asked, true);
            c = new ResultCounter(move.capOfFetch(caps.rows()), null);
            c.cursor = true;
            c.move = move;
        }
        if (c == null) c = unplanned(); // a portal the proxy did not see bound (or forgot): capped all the same
        pending.add(c);
        c.rowsThisExecute = 0;
        if (end < 0 || body.writerIndex() - (end + 1) != 4 || c.cap < 0) return;
        int rowsAt = end + 1;
        int asked = body.getInt(rowsAt);
        long enough = c.remaining() + 1;
        c.clientExecuteRows = asked;
        c.sentExecuteRows = asked;
        if (asked <= 0 || asked > enough) {
            c.sentExecuteRows = (int) Math.min(enough, Integer.MAX_VALUE);
            body.setInt(rowsAt, c.sentExecuteRows); // the frame's bytes are ours: a retained slice of the read buffer
        }
    }

    /** A FunctionCall (or a run of them) runs nothing here: each is answered with the refusal. */
    private Frame refuseFunctionCalls(Frame f) {
        int n = f.messages();
        ByteBuf out = f.content().alloc().buffer(n * 32);
        for (int i = 0; i < n; i++) {
            Frame standIn = Refusals.standInQuery(f.content().alloc());
            out.writeBytes(standIn.content());
            standIn.release();
            ResultCounter marker = unplanned();
            marker.refusal = functionCalls;
            pending.add(marker);
            pending.add(GuardSession.SYNC_POINT);
        }
        f.release();
        return new Frame(FrontendTag.QUERY, out, n, FrontendTag.QUERY);
    }

    private Frame refuse(Frame f, Refusal refusal, Frame standIn, boolean query) {
        ResultCounter marker = unplanned();
        marker.refusal = refusal;
        pending.add(marker);
        if (query) pending.add(GuardSession.SYNC_POINT);
        f.release();
        return standIn;
    }

    /**
     * The counter for one statement's result. A DECLAREd cursor is remembered with its cap; a FETCH from it is capped
     * at the rows left before that cap (when its position is known), each FETCH on its own, so scrolling, MOVE and
     * re-fetching work as on PostgreSQL over the cursor's first rows.
     */
    private ResultCounter counterFor(StatementRewrite s) {
        if (s.cursorName() != null) {
            remember(cursors, s.cursorName(), new CursorMoves.Cursor(s.capRows() >= 0 ? s.capRows() : caps.rows()));
            return new ResultCounter(caps.rows(), s.sql()); // DECLARE itself returns no rows
        }
        if (s.decision() == Decision.CATALOG_ONLY) return new ResultCounter(caps.catalogRows(), s.sql());
        if (!cursors.isEmpty() && s.cursorCommand() != null) {
            CursorMoves.Cursor cursor = cursors.get(s.cursorCommand().cursor());
            if (cursor != null) {
                CursorMoves.Move move = CursorMoves.of(s.cursorCommand(), cursor);
                ResultCounter c = new ResultCounter(move.capOfFetch(cursor.cap < 0 ? -1 : caps.rows()), s.sql());
                c.cursor = true;
                c.move = move;
                return c;
            }
        }
        return new ResultCounter(s.capped() ? s.capRows() : caps.rows(), s.sql());
    }

    /**
     * What a Bind needs of a named statement, without its text: a session may keep a thousand of them, and their
     * texts (up to the statement bound each) would be the proxy's heap. The command word stays for completion tags.
     */
    private static StatementRewrite slim(StatementRewrite s) {
        return new StatementRewrite(s.decision(), CompletionTags.firstWord(s.sql()), s.capRows(), s.cursorName(), null,
                s.cursorCommand(), s.scsEffect(), org.pgaw.proxy.guard.PositionMap.IDENTITY);
    }

    /** Remembers a name only while the session's maps stay small; what is forgotten is still capped on the wire. */
    private <V> void remember(Map<String, V> map, String name, V value) {
        if (map.size() < WireCaps.MAX_TRACKED_NAMES || map.containsKey(name)) map.put(name, value);
    }

    private void onClose(Frame f) {
        ByteBuf body = f.body();
        if (!body.isReadable()) return;
        String name = WireText.cstring(body, body.readerIndex() + 1);
        if (body.getByte(body.readerIndex()) == 'S') {
            statements.remove(name);
            prepared.closed(name);
        } else {
            portals.remove(name);
        }
    }
}
