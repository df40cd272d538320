package org.pgaw.proxy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzz target for the lexer and the rewrite (Jazzer). In an ordinary test run it replays the seed
 * inputs in {@code src/test/resources/org/pgaw/proxy/guard/LexerFuzzTestInputs/}; with {@code JAZZER_FUZZ=1} it
 * fuzzes: {@code JAZZER_FUZZ=1 ./mvnw -o -pl pgwire-proxy test -Dtest=LexerFuzzTest}.
 * Invariants: nothing throws, tokens are ordered and inside the text, a refused Query is returned unchanged, and a
 * rewritten statement differs from the input only in its limit.
 */
class LexerFuzzTest {
    private static final LimitRewriter REWRITER = new LimitRewriter(100, false);

    @FuzzTest(maxDuration = "30s")
    void lexerNeverFailsAndRewritesOnlyTheLimit(FuzzedDataProvider data) {
        boolean scs = data.consumeBoolean();
        String sql = data.consumeRemainingAsString();
        SqlTokens t = SqlLexer.lex(sql, scs);
        int prevEnd = 0;
        for (int i = 0; i < t.size(); i++) {
            assertThat(t.start(i)).isGreaterThanOrEqualTo(prevEnd);
            assertThat(t.end(i)).isGreaterThan(t.start(i)).isLessThanOrEqualTo(sql.length());
            prevEnd = t.end(i);
        }
        RewriteResult r = REWRITER.rewriteQuery(sql, 1000, scs);
        if (!r.planned()) {
            assertThat(r.sql()).isEqualTo(sql);
        }
        StatementRewrite s = REWRITER.rewriteStatement(sql, 1000, scs);
        if (scs && s.decision().rewritten()) {
            int ask = s.cursorName() != null ? 1000 : 1001;
            assertThat(LimitOnlyDiff.check(sql, s.sql(), ask)).as(sql).isNull();
        } else if (!s.decision().rewritten()) {
            assertThat(s.sql()).isEqualTo(sql);
        }
        CursorCommand.parse(sql);
    }
}
