package org.pgaw.proxy.session;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pgaw.proxy.codec.Frame;
import org.pgaw.proxy.protocol.FrontendTag;

/**
 * Statements that never wait for a slot ({@link StatementAdmission}), because they cost the server nothing and a
 * learner at the limit must still be able to use them: session settings and transaction control (SET, SHOW, RESET,
 * BEGIN, COMMIT, ROLLBACK...: a driver's setup on connecting, and ending a transaction), and pgAdmin's Stop button —
 * {@code SELECT pg_cancel_backend(1234);} (the Query Tool) or {@code SELECT pg_catalog.pg_cancel_backend(1234);}
 * (the dashboard), and the same with pg_terminate_backend — which must not wait behind the statements it stops.
 * A cancel also ends the wait of that pid's statement if it has not started (PostgreSQL ignores a cancel of a
 * backend that runs nothing).
 *
 * <p>Recognised by their text only when it is short and plain — no comments, dollar quotes or backslashes, every
 * statement (split at semicolons outside quotes) led by one of the keywords. Anything else — a statement that only mentions the function, a SET with a quoted value — waits like
 * any other statement, which is safe. In the extended protocol only the unnamed statement and portal count: a named
 * statement prepared earlier could be anything.
 */
final class LightStatements {
    /** Longer texts are never light (and are not decoded). */
    private static final int MAX_BYTES = 256;
    private static final Set<String> LIGHT = Set.of("set", "show", "reset", "begin", "start", "commit", "end",
            "rollback", "abort", "savepoint", "release", "deallocate", "discard", "listen", "unlisten");
    private static final Pattern STOP = Pattern.compile(
            "\\s*select\\s+(?:pg_catalog\\s*\\.\\s*)?pg_(cancel|terminate)_backend\\s*\\(\\s*(\\d{1,10})\\s*\\)\\s*;?\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FIRST_WORD = Pattern.compile("\\s*([A-Za-z]+)");

    /** The backend pid a Stop statement names, and whether it cancels (rather than terminates). */
    record Signal(int pid, boolean cancel) { }

    private LightStatements() { }

    /** The text of a Query, or of an unnamed Parse; null for anything else or a long text. */
    static String text(Frame f) {
        if (f == null || f.messages() != 1) return null;
        ByteBuf body = f.body();
        int at = body.readerIndex();
        if (f.tag() == FrontendTag.PARSE) {
            if (body.readableBytes() < 1 || body.getByte(at) != 0) return null; // a named statement
            at++;
        } else if (f.tag() != FrontendTag.QUERY) {
            return null;
        }
        int end = body.indexOf(at, Math.min(body.writerIndex(), at + MAX_BYTES + 1), (byte) 0);
        if (end < 0) return null;
        return body.toString(at, end - at, StandardCharsets.US_ASCII);
    }

    /** The Stop statement this text is, or null. */
    static Signal stop(String text) {
        Matcher m = STOP.matcher(text);
        if (!m.matches()) return null;
        long pid = Long.parseLong(m.group(2));
        if (pid > Integer.MAX_VALUE) return null;
        return new Signal((int) pid, m.group(1).equalsIgnoreCase("cancel"));
    }

    /** Settings and transaction control only (a statement list of them; at least one). */
    static boolean light(String text) {
        if (text.indexOf('$') >= 0 || text.indexOf('\\') >= 0 || text.contains("--") || text.contains("/*")
                || text.chars().anyMatch(c -> c > 126 || c < 32 && !Character.isWhitespace(c))) {
            return false; // dollar quotes, escapes and comments: not worth reading, the statement simply waits
        }
        boolean any = false;
        int start = 0;
        char quote = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ';';
            if (quote != 0) {
                if (i == text.length()) return false; // an unterminated quote
                if (c == quote) quote = 0; // a doubled quote closes and opens again: the same split
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == ';') {
                String statement = text.substring(start, i);
                start = i + 1;
                if (statement.isBlank()) continue;
                Matcher m = FIRST_WORD.matcher(statement);
                if (!m.lookingAt() || !LIGHT.contains(m.group(1).toLowerCase(Locale.ROOT))) return false;
                any = true;
            }
        }
        return any;
    }

    /** A Bind of the unnamed statement into the unnamed portal, or an Execute of the unnamed portal. */
    static boolean unnamed(Frame f) {
        if (f == null || f.messages() != 1) return false;
        ByteBuf body = f.body();
        int at = body.readerIndex();
        if (f.tag() == FrontendTag.BIND) return body.readableBytes() >= 2 && body.getByte(at) == 0 && body.getByte(at + 1) == 0;
        if (f.tag() == FrontendTag.EXECUTE) return body.readableBytes() >= 1 && body.getByte(at) == 0;
        return false;
    }
}
