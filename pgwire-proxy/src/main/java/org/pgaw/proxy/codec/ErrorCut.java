package org.pgaw.proxy.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * The head of an ErrorResponse too long to hold, as an ErrorResponse of its own. PostgreSQL quotes the failing value
 * in an error ({@code SELECT repeat('x', 40000000)::int} is a 40 MB error); held whole until it is complete, six
 * sessions that never read theirs held 252 MiB of the proxy's memory. The decoder keeps only the first bytes
 * (severity, SQLSTATE and the start of the message come first in PostgreSQL's errors), ends the field it cut with a
 * note, and skips the rest as it arrives.
 */
final class ErrorCut {
    private static final byte[] NOTE = " ... (pgaw: the rest of this message was cut, it was too long)"
            .getBytes(StandardCharsets.UTF_8);

    private ErrorCut() { }

    /** An ErrorResponse made of the complete fields within the first {@code keep} bytes at {@code start}, plus the cut one. */
    static Frame head(ByteBufAllocator alloc, ByteBuf in, int start, int keep) {
        int end = start + keep;
        ByteBuf out = alloc.buffer(keep + NOTE.length + 8);
        out.writeByte('E').writeInt(0);
        int i = start + 5;
        while (i < end) {
            byte code = in.getByte(i);
            if (code == 0) break;
            int nul = in.indexOf(i + 1, end, (byte) 0);
            if (nul >= 0) {
                out.writeBytes(in, i, nul + 1 - i); // a complete field with its NUL
                i = nul + 1;
                continue;
            }
            int cut = end - NOTE.length - 16;
            if (cut > i + 1) {
                while (cut > i + 1 && (in.getByte(cut) & 0xC0) == 0x80) cut--; // never inside a UTF-8 character
                out.writeBytes(in, i, cut - i).writeBytes(NOTE).writeByte(0);
            }
            break;
        }
        out.writeByte(0);
        out.setInt(1, out.writerIndex() - 1);
        return new Frame((byte) 'E', out);
    }
}
