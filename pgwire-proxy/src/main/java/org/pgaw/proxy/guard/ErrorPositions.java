package org.pgaw.proxy.guard;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Makes an ErrorResponse about a rewritten statement read as one about the learner's own text: its {@code P}
 * (position) field is mapped back through the rewrite's {@link PositionMap}, and a syntax error PostgreSQL found in
 * text the rewrite added ({@code syntax error at or near "LIMIT"}) becomes the error PostgreSQL reports for the
 * learner's text: {@code syntax error at end of input}, or {@code at or near} the learner's next token. The session
 * calls it for every ErrorResponse of a Query or Parse whose map is not the identity (a few lines in its hook).
 */
public final class ErrorPositions {
    private static final String AT_OR_NEAR = "syntax error at or near \"";

    private ErrorPositions() { }

    /**
     * @param body an ErrorResponse body (fields: a code byte and a NUL-terminated UTF-8 string each, then NUL)
     * @return the body with its position (and if needed its message) fixed; {@code body} itself when unchanged
     */
    public static byte[] remap(byte[] body, PositionMap map) {
        if (map.identity()) {
            return body;
        }
        String position = field(body, 'P');
        if (position == null) {
            return body;
        }
        int p;
        try {
            p = Integer.parseInt(position);
        } catch (NumberFormatException e) {
            return body;
        }
        PositionMap.Mapped m = map.toOriginal(p);
        String newPosition = Integer.toString(m.position());
        String newMessage = null;
        String message = field(body, 'M');
        if (m.insideInsertedText() && message != null && message.startsWith(AT_OR_NEAR)) {
            String original = map.original();
            SqlTokens t = SqlLexer.lex(original);
            int at = Positions.offsetOf(original, m.position());
            int next = 0;
            while (next < t.size() && t.start(next) < at) {
                next++;
            }
            if (next >= t.size()) {
                newMessage = "syntax error at end of input";
                newPosition = Integer.toString(Positions.charPosition(original, original.length()));
            } else {
                newMessage = AT_OR_NEAR + t.text(next) + "\"";
                newPosition = Integer.toString(Positions.charPosition(original, t.start(next)));
            }
        }
        return rewrite(body, newPosition, newMessage);
    }

    /** One field of an error body, or null. */
    static String field(byte[] body, char code) {
        int i = 0;
        while (i < body.length && body[i] != 0) {
            int end = i + 1;
            while (end < body.length && body[end] != 0) {
                end++;
            }
            if (body[i] == code) {
                return new String(body, i + 1, end - i - 1, StandardCharsets.UTF_8);
            }
            i = end + 1;
        }
        return null;
    }

    private static byte[] rewrite(byte[] body, String position, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 32);
        int i = 0;
        while (i < body.length && body[i] != 0) {
            int end = i + 1;
            while (end < body.length && body[end] != 0) {
                end++;
            }
            byte code = body[i];
            out.write(code);
            if (code == 'P') {
                out.writeBytes(position.getBytes(StandardCharsets.UTF_8));
            } else if (code == 'M' && message != null) {
                out.writeBytes(message.getBytes(StandardCharsets.UTF_8));
            } else {
                out.write(body, i + 1, end - i - 1);
            }
            out.write(0);
            i = end + 1;
        }
        out.write(0);
        return out.toByteArray();
    }
}
