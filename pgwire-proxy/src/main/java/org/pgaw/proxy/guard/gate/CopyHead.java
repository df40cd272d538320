package org.pgaw.proxy.guard.gate;

import org.pgaw.proxy.guard.SqlTokens;
import org.pgaw.proxy.guard.TokenType;

/**
 * {@code COPY [BINARY] table [(cols)] | (query)  FROM | TO  STDIN | STDOUT | 'file' | PROGRAM 'cmd' ...}: only a copy
 * to the client ({@code TO STDOUT}) is reading. A copy from the client writes rows; files and programs are the
 * server's. The query inside {@code COPY (...)} is judged by the nested rules like any other.
 */
final class CopyHead {
    private CopyHead() { }

    static GateFinding check(SqlTokens t, int copy, int to, Parens parens) {
        int i = copy + 1;
        if (t.isWord(i, "BINARY")) i++;
        if (t.is(i, TokenType.LPAREN)) {
            i = parens.closing(i);
            if (i < 0) return unreadable();
            i++;
        } else {
            if (!Names.isName(t, i)) return unreadable();
            i++;
            while (t.is(i, TokenType.DOT) && Names.isName(t, i + 1)) i += 2;
            if (t.is(i, TokenType.LPAREN)) {
                i = parens.closing(i);
                if (i < 0) return unreadable();
                i++;
            }
        }
        boolean client = t.isWord(i + 1, "STDIN") || t.isWord(i + 1, "STDOUT");
        if (t.isWord(i, "TO")) {
            return client ? null : new GateFinding(GateCategory.SERVER, "COPY ... TO a file or program");
        }
        if (t.isWord(i, "FROM")) {
            return client ? new GateFinding(GateCategory.DML, "COPY ... FROM STDIN")
                    : new GateFinding(GateCategory.SERVER, "COPY ... FROM a file or program");
        }
        return unreadable();
    }

    /** Fail closed: a COPY whose direction the gate cannot find might read from the client. */
    private static GateFinding unreadable() {
        return new GateFinding(GateCategory.DML, "COPY");
    }
}
