package org.pgaw.proxy.session;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.pgaw.proxy.codec.Frame;
import org.pgaw.proxy.guard.LimitRewriter;
import org.pgaw.proxy.guard.RewriteResult;
import org.pgaw.proxy.guard.StatementRewrite;
import org.pgaw.proxy.protocol.FrontendTag;

/**
 * The client side of the guards: rewrites Query and Parse to cap their rows, and queues, for every statement the
 * backend will answer, the {@link ResultCounter} its result is counted in ({@link GuardSession} reads the queue as
 * the results come back). Remembers named statements, portals and DECLAREd cursors to do so.
 */
final class GuardRequests {
    private static final int MAX_TRACKED_NAMES = 10_000;

    private final LimitRewriter rewriter;
    private final int maxRows;
    private final ArrayDeque<Object> pending;
    private final Map<String, StatementRewrite> statements = new HashMap<>();
    private final Map<String, ResultCounter> portals = new HashMap<>();
    private final Map<String, ResultCounter> cursors = new HashMap<>();
    private boolean singleStatementQuery;
    private boolean standardConformingStrings = true;
    /** Hash of the last statement text, printed as its fingerprint in guard logs (never the SQL itself). */
    private int statementHash;

    GuardRequests(LimitRewriter rewriter, int maxRows, ArrayDeque<Object> pending) {
        this.rewriter = rewriter;
        this.maxRows = maxRows;
        this.pending = pending;
    }

    /** A whole client message; returns the frame to forward (the same one, or its rewrite). */
    Frame fromClient(Frame f) {
        switch (f.tag()) {
            case FrontendTag.QUERY:
                return onQuery(f);
            case FrontendTag.PARSE:
                return onParse(f);
            case FrontendTag.BIND:
                onBind(f);
                return f;
            case FrontendTag.EXECUTE:
                pending.add(portals.computeIfAbsent(WireText.cstring(f.body(), f.body().readerIndex()),
                        k -> ResultCounter.uncapped()));
                return f;
            case FrontendTag.SYNC:
                pending.add(GuardSession.SYNC_POINT);
                return f;
            case FrontendTag.CLOSE:
                onClose(f);
                return f;
            default:
                return f;
        }
    }

    /** True when {@code c} is the only statement of its request (one simple statement, or an Execute's portal). */
    boolean alone(ResultCounter c) {
        return singleStatementQuery || portals.containsValue(c);
    }

    void standardConformingStrings(boolean on) {
        standardConformingStrings = on;
    }

    int statementHash() {
        return statementHash;
    }

    private Frame onQuery(Frame f) {
        ByteBuf body = f.body();
        int start = body.readerIndex();
        int end = WireText.cstringEnd(body, start);
        if (end < 0) return f; // malformed: PostgreSQL will say so
        WireText text = WireText.decode(body, start, end - start);
        statementHash = text.text().hashCode();
        RewriteResult r = rewriter.rewriteQuery(text.text(), maxRows, standardConformingStrings);
        singleStatementQuery = r.planned() && r.statements().size() == 1;
        if (r.planned()) {
            for (StatementRewrite s : r.statements()) pending.add(counterFor(s));
        }
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
        String name = body.toString(nameStart, nameEnd - nameStart, StandardCharsets.UTF_8);
        WireText text = WireText.decode(body, nameEnd + 1, queryEnd - nameEnd - 1);
        statementHash = text.text().hashCode();
        StatementRewrite s = rewriter.rewriteStatement(text.text(), maxRows, standardConformingStrings);
        if (statements.size() < MAX_TRACKED_NAMES || statements.containsKey(name)) statements.put(name, s);
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

    private void onBind(Frame f) {
        ByteBuf body = f.body();
        int portalEnd = WireText.cstringEnd(body, body.readerIndex());
        if (portalEnd < 0) return;
        String portal = body.toString(body.readerIndex(), portalEnd - body.readerIndex(), StandardCharsets.UTF_8);
        StatementRewrite s = statements.get(WireText.cstring(body, portalEnd + 1));
        if (portals.size() < MAX_TRACKED_NAMES || portals.containsKey(portal)) {
            portals.put(portal, s == null ? ResultCounter.uncapped() : counterFor(s));
        }
    }

    /**
     * The counter for one statement's result: a DECLAREd cursor's cap is remembered under its name, and the FETCHes
     * from it share one counter, so paging through a cursor stops at the cap too.
     */
    private ResultCounter counterFor(StatementRewrite s) {
        if (s.cursorName() != null) {
            ResultCounter c = new ResultCounter(s.capRows());
            c.cursor = true;
            if (cursors.size() < MAX_TRACKED_NAMES || cursors.containsKey(s.cursorName())) cursors.put(s.cursorName(), c);
            return ResultCounter.uncapped(); // DECLARE itself returns no rows
        }
        String fetched = FetchTarget.cursorOf(s.sql());
        if (fetched != null && cursors.containsKey(fetched)) return cursors.get(fetched);
        return new ResultCounter(s.capRows());
    }

    private void onClose(Frame f) {
        ByteBuf body = f.body();
        if (!body.isReadable()) return;
        String name = WireText.cstring(body, body.readerIndex() + 1);
        if (body.getByte(body.readerIndex()) == 'S') statements.remove(name);
        else portals.remove(name);
    }
}
