package org.pgaw.proxy.session;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pgaw.proxy.codec.Frame;
import org.pgaw.proxy.protocol.FrontendTag;

/**
 * Recognises pgAdmin's Stop button: {@code SELECT pg_cancel_backend(1234);} (the Query Tool) or
 * {@code SELECT pg_catalog.pg_cancel_backend(1234);} (the dashboard), and the same with pg_terminate_backend, sent as
 * a Query or a Parse on another connection of the same learner. Such a statement never waits for a slot (it is
 * instant, and a Stop that waited behind the statements it should stop would be no Stop), and a cancel ends the wait
 * of that pid's statement if it has not started yet (PostgreSQL ignores a cancel of a backend that is not running
 * anything). Only this exact shape counts: a statement that merely mentions the function waits like any other.
 */
final class SignalStatement {
    /** Longer texts are never the Stop button's statement (and are not decoded). */
    private static final int MAX_BYTES = 120;
    private static final Pattern STOP = Pattern.compile(
            "\\s*select\\s+(?:pg_catalog\\s*\\.\\s*)?pg_(cancel|terminate)_backend\\s*\\(\\s*(\\d{1,10})\\s*\\)\\s*;?\\s*",
            Pattern.CASE_INSENSITIVE);

    /** The backend pid a Stop statement names, and whether it cancels (rather than terminates). */
    record Signal(int pid, boolean cancel) { }

    private SignalStatement() { }

    /** The Stop statement in a Query or Parse message, or null when the message is anything else. */
    static Signal of(Frame f) {
        if (f.messages() != 1) return null;
        ByteBuf body = f.body();
        int at = body.readerIndex();
        if (f.tag() == FrontendTag.PARSE) {
            int nameEnd = body.indexOf(at, body.writerIndex(), (byte) 0);
            if (nameEnd < 0) return null;
            at = nameEnd + 1;
        } else if (f.tag() != FrontendTag.QUERY) {
            return null;
        }
        int end = body.indexOf(at, Math.min(body.writerIndex(), at + MAX_BYTES + 1), (byte) 0);
        if (end < 0) return null;
        Matcher m = STOP.matcher(body.toString(at, end - at, StandardCharsets.US_ASCII));
        if (!m.matches()) return null;
        long pid = Long.parseLong(m.group(2));
        if (pid > Integer.MAX_VALUE) return null;
        return new Signal((int) pid, m.group(1).equalsIgnoreCase("cancel"));
    }
}
