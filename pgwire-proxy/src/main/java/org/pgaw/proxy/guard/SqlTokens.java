package org.pgaw.proxy.guard;

import java.util.Arrays;

/**
 * The token stream of one SQL text: parallel int arrays (type, start, end) over the original string, so that
 * lexing allocates three growable arrays and no objects per token. Offsets are char indexes into {@link #sql()}.
 */
public final class SqlTokens {
    private static final TokenType[] TYPES = TokenType.values();
    /**
     * Tokens kept at most (12 bytes each). A learner's query has hundreds; comments and whitespace cost nothing, so a
     * 1 MiB comment is fine. Beyond this the text is still scanned to its end but {@link #overflow()} is set.
     */
    public static final int MAX_TOKENS = 500_000;

    private final String sql;
    private int[] types = new int[32];
    private int[] starts = new int[32];
    private int[] ends = new int[32];
    private int size;
    private String unterminated;
    private int unterminatedAt = -1;
    private boolean overflow;
    /**
     * While true, every read of a constant's characters (the offsets or text of a STRING or NUMBER token) is noted in
     * {@link #constantRead}: a check that ran without reading one decided from what the plan key holds (token kinds
     * and the text of every other token), so its decision holds for every text with the same key
     * ({@link QueryShapes}). Reading a constant's characters needs its offsets, so no read escapes the note.
     */
    private boolean watching;
    private boolean constantRead;

    SqlTokens(String sql) {
        this.sql = sql;
    }

    void add(TokenType type, int start, int end) {
        if (size == MAX_TOKENS) {
            overflow = true;
            return;
        }
        if (size == types.length) {
            int grown = size * 2;
            types = Arrays.copyOf(types, grown);
            starts = Arrays.copyOf(starts, grown);
            ends = Arrays.copyOf(ends, grown);
        }
        types[size] = type.ordinal();
        starts[size] = start;
        ends[size] = end;
        size++;
    }

    void markUnterminated(String what, int at) {
        if (unterminated == null) {
            unterminated = what;
            unterminatedAt = at;
        }
    }

    public String sql() { return sql; }

    /** Same tokens at the same places, and the same unterminated state? */
    boolean sameTokens(SqlTokens o) {
        return size == o.size && overflow == o.overflow && java.util.Objects.equals(unterminated, o.unterminated)
                && Arrays.equals(types, 0, size, o.types, 0, size) && Arrays.equals(starts, 0, size, o.starts, 0, size)
                && Arrays.equals(ends, 0, size, o.ends, 0, size);
    }

    public int size() { return size; }

    /** True when a quote, dollar quote or block comment was still open at the end of the text. */
    public boolean unterminated() { return unterminated != null; }

    /** PostgreSQL's words for what was left open ({@code unterminated quoted string}), or null. */
    public String unterminatedMessage() { return unterminated; }

    /** Char offset where the unterminated quote or comment starts, or -1. */
    public int unterminatedAt() { return unterminatedAt; }

    /** True when the text had more than {@link #MAX_TOKENS} tokens: only the first ones are kept. */
    public boolean overflow() { return overflow; }

    public TokenType type(int i) { return TYPES[types[i]]; }

    public int start(int i) {
        if (watching) noteRead(i);
        return starts[i];
    }

    public int end(int i) {
        if (watching) noteRead(i);
        return ends[i];
    }

    public String text(int i) {
        if (watching) noteRead(i);
        return sql.substring(starts[i], ends[i]);
    }

    private void noteRead(int i) {
        int type = types[i];
        if (type == TokenType.STRING.ordinal() || type == TokenType.NUMBER.ordinal()) {
            constantRead = true;
        }
    }

    /** Starts noting reads of constants' characters (see {@link #watching}). */
    void watchConstants() {
        watching = true;
        constantRead = false;
    }

    /** Stops noting; true when some constant's characters were read since {@link #watchConstants()}. */
    boolean stopWatching() {
        watching = false;
        return constantRead;
    }

    /**
     * Is token {@code i} the keyword {@code upperWord} (given in upper case), compared without allocating? Only an
     * unquoted word can be a keyword, and never one right after a {@code .}: PostgreSQL's grammar reads what follows
     * a dot as a ColLabel, a name, whatever its spelling ({@code s.into}, {@code s.limit}, {@code f.fetch}).
     */
    public boolean isWord(int i, String upperWord) {
        if (i < 0 || i >= size || types[i] != TokenType.WORD.ordinal()
                || (i > 0 && types[i - 1] == TokenType.DOT.ordinal())) {
            return false;
        }
        int len = ends[i] - starts[i];
        return len == upperWord.length() && sql.regionMatches(true, starts[i], upperWord, 0, len);
    }

    public boolean is(int i, TokenType type) {
        return i >= 0 && i < size && types[i] == type.ordinal();
    }

    /**
     * The identifier token {@code i} names, as PostgreSQL stores it ({@link Identifiers}): unquoted words fold ASCII
     * letters to lower case, {@code "..."} and {@code U&"..." [UESCAPE 'c']} keep their case, and every name is cut
     * to 63 bytes. Null when token {@code i} is not a name, or is one PostgreSQL would reject.
     */
    public String identifier(int i) {
        return Identifiers.name(this, i);
    }

    /** How many tokens the name at {@code i} spans: 3 for {@code U&"..." UESCAPE 'c'}, otherwise 1. */
    public int identifierLength(int i) {
        return Identifiers.length(this, i);
    }
}
