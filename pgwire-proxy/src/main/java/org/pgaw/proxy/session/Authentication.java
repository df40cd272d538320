package org.pgaw.proxy.session;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.pgaw.proxy.codec.Frame;
import org.pgaw.proxy.protocol.BackendTag;

/**
 * The one change the proxy makes to authentication: SCRAM-SHA-256-PLUS is taken out of the offered SASL mechanisms.
 * With TLS ending at the proxy, a client binding SCRAM to "its" TLS channel would bind to the proxy's certificate,
 * which the backend never sees, and fail. Everything else (trust, cleartext, md5, SCRAM) passes untouched.
 */
final class Authentication {
    private static final int SASL = 10;
    private static final String PLUS = "SCRAM-SHA-256-PLUS";

    private Authentication() { }

    /** True for AuthenticationOk: the client has proved who it is. */
    static boolean isOk(Frame f) {
        ByteBuf body = f.body();
        return f.messages() == 1 && body.readableBytes() == 4 && body.getInt(body.readerIndex()) == 0;
    }

    /** Returns the frame's own bytes when unchanged, else a new buffer (and the frame is released). */
    static ByteBuf withoutChannelBinding(Frame f) {
        ByteBuf body = f.body();
        if (body.readableBytes() < 4 || body.getInt(body.readerIndex()) != SASL) return f.content();
        List<String> mechanisms = new ArrayList<>();
        int i = body.readerIndex() + 4;
        int end = body.writerIndex();
        while (i < end) {
            int nul = body.indexOf(i, end, (byte) 0);
            if (nul < 0 || nul == i) break;
            mechanisms.add(body.toString(i, nul - i, StandardCharsets.UTF_8));
            i = nul + 1;
        }
        if (!mechanisms.remove(PLUS)) return f.content();
        ByteBuf out = f.content().alloc().buffer(64);
        out.writeByte(BackendTag.AUTHENTICATION).writeInt(0).writeInt(SASL);
        for (String m : mechanisms) {
            out.writeCharSequence(m, StandardCharsets.UTF_8);
            out.writeByte(0);
        }
        out.writeByte(0);
        out.setInt(1, out.writerIndex() - 1);
        f.release();
        return out;
    }
}
