package org.pgaw.proxy.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.pgaw.proxy.protocol.MessageWriter;
import org.pgaw.proxy.protocol.ProxyMessages;

/**
 * A Query or Parse longer than a guarded session's statement bound (a Bind longer than
 * {@link GuardedFrontendBounds#MAX_BIND}) is never held: the decoder skips its bytes as
 * they arrive and hands on, in its place, a tiny stand-in of the same kind that PostgreSQL is sure to refuse
 * ({@code SELECT pgaw_too_long_<nonce>_<size>_<limit>}: no such column). Going through the backend keeps every
 * reply in order and the protocol exact (after a failed Parse PostgreSQL skips to the Sync; in a transaction the
 * error aborts it, as the real statement's error would). On the way back the stand-in's ErrorResponse is recognised
 * by the nonce, known only to this proxy process, and reworded for the learner (SQLSTATE 54000).
 */
public final class TooLongStatement {
    private static final String PREFIX = "pgaw_too_long_" + HexFormat.of().formatHex(nonce()) + "_";
    private static final String UNDEFINED_COLUMN = "42703";
    /** A Bind's stand-in names a prepared statement that does not exist. */
    private static final String UNDEFINED_STATEMENT = "26000";
    /** A statement name longer than this is not carried over to the stand-in (the unnamed one is used). */
    private static final int MAX_NAME = 1024;

    private TooLongStatement() { }

    private static byte[] nonce() {
        byte[] b = new byte[8];
        new SecureRandom().nextBytes(b);
        return b;
    }

    /** The stand-in for a skipped message of {@code total} bytes; {@code name} is a Parse's statement name. */
    static Frame standIn(ByteBufAllocator alloc, byte tag, String name, long total, long limit) {
        ByteBuf out = alloc.buffer(64 + (name == null ? 0 : name.length() * 3));
        out.writeByte(tag).writeInt(0);
        if (tag == 'B') {
            // a Bind of the unnamed portal to a prepared statement that cannot exist: PostgreSQL answers 26000
            long bound = Math.max(limit, GuardedFrontendBounds.MAX_BIND);
            cString(out, "");
            cString(out, PREFIX + (total - 5) + "_" + bound);
            out.writeShort(0).writeShort(0).writeShort(0); // no formats, no parameters, no result formats
            out.setInt(1, out.writerIndex() - 1);
            return new Frame(tag, out);
        }
        String sql = "SELECT " + PREFIX + (total - 5) + "_" + limit;
        if (tag == 'P') cString(out, name == null ? "" : name);
        cString(out, sql);
        if (tag == 'P') out.writeShort(0); // no parameter types
        out.setInt(1, out.writerIndex() - 1);
        return new Frame(tag, out);
    }

    /**
     * A Parse's statement name when it is complete in the first bytes seen ({@code body} starts at the message's
     * body), else null. The bytes are read where they are; nothing is kept.
     */
    static String parseName(ByteBuf in, int bodyStart) {
        int end = Math.min(in.writerIndex(), bodyStart + MAX_NAME + 1);
        int nul = in.indexOf(bodyStart, end, (byte) 0);
        return nul < 0 ? null : in.toString(bodyStart, nul - bodyStart, StandardCharsets.UTF_8);
    }

    /**
     * The learner's ErrorResponse for a stand-in's error (54000, sizes from the stand-in's name), or null when
     * {@code body} (an ErrorResponse body) is not about a stand-in. Only an undefined-column error (42703) can be:
     * others are not looked into.
     */
    public static ByteBuf reworded(ByteBufAllocator alloc, ByteBuf body) {
        String code = field(body, 'C');
        if (!UNDEFINED_COLUMN.equals(code) && !UNDEFINED_STATEMENT.equals(code)) return null;
        String message = field(body, 'M');
        int at = message == null ? -1 : message.indexOf(PREFIX);
        if (at < 0) return null;
        int i = at + PREFIX.length();
        int sizeEnd = digitsEnd(message, i);
        int limitEnd = sizeEnd < message.length() && message.charAt(sizeEnd) == '_' ? digitsEnd(message, sizeEnd + 1) : -1;
        if (sizeEnd == i || limitEnd <= sizeEnd + 1) return null;
        return MessageWriter.errorOrNotice(alloc, ProxyMessages.statementTooLong(
                Long.parseLong(message.substring(i, sizeEnd)), Long.parseLong(message.substring(sizeEnd + 1, limitEnd))));
    }

    /** Where a run of at most 18 digits starting at {@code from} ends. */
    private static int digitsEnd(String s, int from) {
        int i = from;
        while (i < s.length() && i - from < 18 && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
        return i;
    }

    /** One field of an ErrorResponse body by its code, or null; bulk searches only (no byte-by-byte reads). */
    private static String field(ByteBuf body, char code) {
        int i = body.readerIndex();
        int end = body.writerIndex();
        while (i < end && body.getByte(i) != 0) {
            int nul = body.indexOf(i + 1, end, (byte) 0);
            if (nul < 0) return null;
            if (body.getByte(i) == code) return body.toString(i + 1, nul - i - 1, StandardCharsets.UTF_8);
            i = nul + 1;
        }
        return null;
    }

    private static void cString(ByteBuf out, String s) {
        out.writeCharSequence(s, StandardCharsets.UTF_8);
        out.writeByte(0);
    }
}
