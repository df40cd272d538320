package org.pgaw.proxy.guard.gate;

import org.pgaw.proxy.guard.SqlTokens;
import org.pgaw.proxy.guard.TokenType;

/**
 * The matching {@code )} of every {@code (} of a statement, found in one pass, so that the rules can step over a
 * parenthesised group in constant time (keeping the whole classification linear however deep the nesting).
 */
final class Parens {
    private final int from;
    private final int[] close;

    Parens(SqlTokens t, int from, int to) {
        this.from = from;
        this.close = new int[to - from];
        int[] stack = new int[Math.max(1, to - from)];
        int depth = 0;
        for (int i = from; i < to; i++) {
            close[i - from] = -1;
            if (t.is(i, TokenType.LPAREN)) {
                stack[depth++] = i;
            } else if (t.is(i, TokenType.RPAREN) && depth > 0) {
                close[stack[--depth] - from] = i;
            }
        }
    }

    /** The index of the {@code )} closing the {@code (} at {@code open}, or -1 when it is never closed. */
    int closing(int open) {
        int k = open - from;
        return k >= 0 && k < close.length ? close[k] : -1;
    }
}
