package org.pgaw.proxy.session;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.pgaw.proxy.codec.Frame;

/**
 * SQL text in and out of messages without ever changing a byte the rewrite did not mean to change: text that is
 * valid UTF-8 round-trips as UTF-8; anything else (a LATIN1 client) is read as ISO-8859-1, which maps every byte
 * to one char and back. The rewriter only looks at ASCII syntax, so either reading is safe.
 */
record WireText(String text, Charset charset) {
    static WireText decode(ByteBuf buf, int index, int length) {
        // Most SQL is plain ASCII: then every reading is the same, and the cheapest one will do.
        if (buf.forEachByte(index, length, b -> b >= 0) < 0) {
            return new WireText(buf.toString(index, length, StandardCharsets.US_ASCII), StandardCharsets.UTF_8);
        }
        ByteBuffer bytes = buf.nioBuffer(index, length);
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
            return new WireText(s, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            return new WireText(buf.toString(index, length, StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
        }
    }

    byte[] encode(String s) {
        return s.getBytes(charset);
    }

    /** Index of the NUL ending the C string that starts at {@code from}, or -1. */
    static int cstringEnd(ByteBuf buf, int from) {
        return buf.indexOf(from, buf.writerIndex(), (byte) 0);
    }

    static String cstring(ByteBuf buf, int from) {
        int end = cstringEnd(buf, from);
        return end < 0 ? "" : buf.toString(from, end - from, StandardCharsets.UTF_8);
    }

    /** One field (by its code: 'C' SQLSTATE, 'M' message, ...) of an ErrorResponse or NoticeResponse body, or null. */
    static String errorField(ByteBuf body, char code) {
        int i = body.readerIndex();
        while (i < body.writerIndex() && body.getByte(i) != 0) {
            byte field = body.getByte(i);
            int end = cstringEnd(body, i + 1);
            if (end < 0) return null;
            if (field == code) return body.toString(i + 1, end - i - 1, StandardCharsets.UTF_8);
            i = end + 1;
        }
        return null;
    }

    /** Whether the frame's last message, an ErrorResponse (alone, or ending a relayed run), is FATAL or PANIC. */
    static boolean endsWithFatal(Frame f) {
        ByteBuf all = f.content();
        int at = all.readerIndex();
        while (at + 5 + all.getInt(at + 1) - 4 < all.writerIndex()) at += 1 + all.getInt(at + 1);
        ByteBuf error = all.slice(at + 5, all.getInt(at + 1) - 4);
        String severity = errorField(error, 'V'); // not localised; PostgreSQL 9.6 and later
        if (severity == null) severity = errorField(error, 'S');
        return "FATAL".equals(severity) || "PANIC".equals(severity);
    }
}
