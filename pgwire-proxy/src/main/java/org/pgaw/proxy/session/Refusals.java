package org.pgaw.proxy.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import org.pgaw.proxy.codec.Frame;
import org.pgaw.proxy.guard.Refusal;
import org.pgaw.proxy.guard.StatementRewrite;
import org.pgaw.proxy.protocol.FrontendTag;

/**
 * How a refused request is answered without running anything: it is replaced by a stand-in that PostgreSQL rejects
 * while parsing ({@value #STAND_IN}), and the backend's syntax error is then replaced by the refusal. PostgreSQL
 * itself thus answers in the right place among the replies to what came before, skips the rest of an extended
 * sequence until Sync and reports the transaction status as after any error: exactly one ReadyForQuery per Sync,
 * and the status the client sees is the server's.
 */
final class Refusals {
    /** An identifier PostgreSQL's grammar rejects as a whole statement; it is quoted in the syntax error. */
    static final String STAND_IN = "pgaw_refused_request";

    private Refusals() { }

    /** The refusal the rewriter attached to a statement (the session's gate, or the lexer's), or null. */
    static Refusal of(StatementRewrite s) {
        return s.refusal();
    }

    /** A Query PostgreSQL answers with a syntax error then ReadyForQuery. */
    static Frame standInQuery(ByteBufAllocator alloc) {
        byte[] sql = STAND_IN.getBytes(StandardCharsets.US_ASCII);
        ByteBuf out = alloc.buffer(6 + sql.length);
        out.writeByte(FrontendTag.QUERY).writeInt(4 + sql.length + 1).writeBytes(sql).writeByte(0);
        return new Frame(FrontendTag.QUERY, out);
    }

    /** A Parse of the unnamed statement PostgreSQL rejects: it then skips the client's messages until Sync. */
    static Frame standInParse(ByteBufAllocator alloc) {
        byte[] sql = STAND_IN.getBytes(StandardCharsets.US_ASCII);
        int body = 1 + sql.length + 1 + 2;
        ByteBuf out = alloc.buffer(5 + body);
        out.writeByte(FrontendTag.PARSE).writeInt(4 + body).writeByte(0).writeBytes(sql).writeByte(0).writeShort(0);
        return new Frame(FrontendTag.PARSE, out);
    }

    /** True when an ErrorResponse's message is PostgreSQL's answer to a stand-in. */
    static boolean isStandInError(ByteBuf errorBody) {
        String m = WireText.errorField(errorBody, 'M');
        return m != null && m.contains(STAND_IN);
    }
}
