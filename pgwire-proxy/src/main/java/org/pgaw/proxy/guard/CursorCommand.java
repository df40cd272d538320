package org.pgaw.proxy.guard;

/**
 * A {@code FETCH} or {@code MOVE} read as PostgreSQL's grammar reads it (gram.y, fetch_args), normalised as its
 * executor does: {@code NEXT} is {@code FORWARD 1}, {@code PRIOR} {@code BACKWARD 1}, {@code FIRST}
 * {@code ABSOLUTE 1}, {@code LAST} {@code ABSOLUTE -1}, a bare count or {@code ALL} is {@code FORWARD}, and a
 * negative FORWARD/BACKWARD count turns the direction round. The session uses it to follow a capped cursor's
 * position. Read from the lexer's tokens, so in linear time whatever the text.
 *
 * @param move      {@code MOVE} (rows are skipped, not returned) rather than {@code FETCH}
 * @param direction FORWARD, BACKWARD (count rows, {@link #ALL} for all), ABSOLUTE or RELATIVE (count is the
 *                  position or offset, may be negative or 0)
 * @param count     see direction
 * @param cursor    the cursor's name as PostgreSQL stores it (case-folded unless quoted, 63 bytes at most)
 */
public record CursorCommand(boolean move, Direction direction, long count, String cursor) {
    /** The count of {@code ALL}: PostgreSQL's FETCH_ALL (LONG_MAX). */
    public static final long ALL = Long.MAX_VALUE;

    public enum Direction { FORWARD, BACKWARD, ABSOLUTE, RELATIVE }

    /** The FETCH or MOVE that is the whole of {@code sql} (comments and a trailing {@code ;} allowed), or null. */
    public static CursorCommand parse(String sql) {
        QuerySplit split = SqlLexer.split(sql);
        if (!split.certain() || split.statements().size() != 1) {
            return null;
        }
        StatementSpan s = split.statements().get(0);
        return parse(split.tokens(), s.firstToken(), s.endToken());
    }

    /** The FETCH or MOVE of tokens {@code [a, b)}, or null when they are not one PostgreSQL would accept. */
    public static CursorCommand parse(SqlTokens t, int a, int b) {
        boolean move = t.isWord(a, "MOVE");
        if (!move && !t.isWord(a, "FETCH")) {
            return null;
        }
        int i = a + 1;
        Direction direction = Direction.FORWARD;
        long count = 1;
        long[] value = new long[1];
        if (t.isWord(i, "NEXT")) {
            i++;
        } else if (t.isWord(i, "PRIOR")) {
            direction = Direction.BACKWARD;
            i++;
        } else if (t.isWord(i, "FIRST")) {
            direction = Direction.ABSOLUTE;
            i++;
        } else if (t.isWord(i, "LAST")) {
            direction = Direction.ABSOLUTE;
            count = -1;
            i++;
        } else if (t.isWord(i, "ABSOLUTE") || t.isWord(i, "RELATIVE")) {
            direction = t.isWord(i, "ABSOLUTE") ? Direction.ABSOLUTE : Direction.RELATIVE;
            int end = signedInt(t, i + 1, value);
            if (end < 0) {
                return null;
            }
            count = value[0];
            i = end;
        } else if (t.isWord(i, "ALL")) {
            count = ALL;
            i++;
        } else if (t.isWord(i, "FORWARD") || t.isWord(i, "BACKWARD")) {
            direction = t.isWord(i, "FORWARD") ? Direction.FORWARD : Direction.BACKWARD;
            i++;
            if (t.isWord(i, "ALL")) {
                count = ALL;
                i++;
            } else {
                int end = signedInt(t, i, value);
                if (end >= 0) {
                    count = value[0];
                    i = end;
                }
            }
        } else {
            int end = signedInt(t, i, value);
            if (end >= 0) {
                count = value[0];
                i = end;
            }
        }
        if (count < 0 && (direction == Direction.FORWARD || direction == Direction.BACKWARD)) {
            direction = direction == Direction.FORWARD ? Direction.BACKWARD : Direction.FORWARD;
            count = -count;
        }
        if (t.isWord(i, "FROM") || t.isWord(i, "IN")) {
            i++;
        }
        String name = t.identifier(i);
        if (name == null || (t.is(i, TokenType.WORD) && Keywords.isReserved(t, i))
                || i + t.identifierLength(i) != b) {
            return null;
        }
        return new CursorCommand(move, direction, count, name);
    }

    /** {@code [+|-] integer} fitting PostgreSQL's int4 (SignedIconst) into {@code value[0]}; the token after it, or -1. */
    private static int signedInt(SqlTokens t, int i, long[] value) {
        boolean negative = false;
        if (t.is(i, TokenType.OPERATOR) && (t.text(i).equals("-") || t.text(i).equals("+"))) {
            negative = t.text(i).equals("-");
            i++;
        }
        if (!t.is(i, TokenType.NUMBER)) {
            return -1;
        }
        Long v = Keywords.integerConstant(t.text(i));
        if (v == null) {
            return -1;
        }
        value[0] = negative ? -v : v;
        return i + 1;
    }
}
