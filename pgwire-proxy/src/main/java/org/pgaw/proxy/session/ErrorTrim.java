package org.pgaw.proxy.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import org.pgaw.proxy.protocol.BackendTag;

/**
 * An ErrorResponse larger than what is left of the byte budget (an error quoting a 10 MB value) is shortened to fit:
 * it stays an error with its severity and SQLSTATE, the other fields are cut (at a UTF-8 character boundary) and the
 * message says it was shortened. A readable error always gets {@link #FLOOR} bytes, whatever is left.
 */
final class ErrorTrim {
    static final int FLOOR = 1024;
    private static final byte[] SHORTENED = " ... (pgaw: the rest of this message was cut, it was too long)"
            .getBytes(StandardCharsets.UTF_8);

    private ErrorTrim() { }

    /** The error (whole message bytes, tag first) cut to at most {@code max(allowed, FLOOR)} bytes, as a new buffer. */
    static ByteBuf trim(ByteBufAllocator alloc, ByteBuf error, long allowed) {
        int budget = (int) Math.min(Math.max(allowed, FLOOR), Integer.MAX_VALUE);
        int start = error.readerIndex() + 5;
        int end = error.writerIndex();
        ByteBuf out = alloc.buffer(Math.min(budget, end - error.readerIndex()) + SHORTENED.length + 8);
        out.writeByte(BackendTag.ERROR_RESPONSE).writeInt(0);
        // Severity and SQLSTATE first: they are small and they are what a client acts on.
        for (int pass = 0; pass < 2; pass++) {
            int at = start;
            while (at < end && error.getByte(at) != 0) {
                byte code = error.getByte(at);
                int valueEnd = WireText.cstringEnd(error, at + 1);
                if (valueEnd < 0) break;
                boolean essential = code == 'S' || code == 'V' || code == 'C';
                if (essential == (pass == 0)) copyField(out, error, code, at + 1, valueEnd, budget);
                at = valueEnd + 1;
            }
        }
        out.writeByte(0);
        out.setInt(1, out.writerIndex() - 1);
        return out;
    }

    private static void copyField(ByteBuf out, ByteBuf in, byte code, int from, int to, int budget) {
        int room = budget - out.writerIndex() - 3;
        if (room <= 0 && code != 'S' && code != 'V' && code != 'C' && code != 'M') return;
        int length = to - from;
        boolean cut = length > Math.max(room, 0);
        if (cut) {
            length = Math.max(room, 0);
            while (length > 0 && (in.getByte(from + length) & 0xC0) == 0x80) length--; // not inside a character
        }
        out.writeByte(code).writeBytes(in, from, length);
        if (cut && code == 'M') out.writeBytes(SHORTENED);
        out.writeByte(0);
    }
}
