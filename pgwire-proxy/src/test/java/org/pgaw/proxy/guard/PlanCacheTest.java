package org.pgaw.proxy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlanCacheTest {
    @Test
    void statementsDifferingOnlyInConstantsShareOnePlan() {
        LimitRewriter r = new LimitRewriter(100, false);
        r.rewriteQuery("SELECT abalance FROM pgbench_accounts WHERE aid = 17;", 1000);
        r.rewriteQuery("SELECT abalance FROM pgbench_accounts WHERE aid = 42;", 1000);
        r.rewriteQuery("select abalance from pgbench_accounts where aid = 'x' -- other layout", 1000);
        assertThat(r.cacheSize()).as("upper and lower case are different keys").isEqualTo(2);
        assertThat(r.cacheHits()).isEqualTo(1);
    }

    @Test
    void cachedPlansStillJudgeTheLimitValue() {
        LimitRewriter r = new LimitRewriter(100, false);
        assertThat(r.rewriteStatement("SELECT * FROM t LIMIT 5", 1000).decision())
                .isEqualTo(Decision.UNCHANGED_SMALLER_LIMIT);
        StatementRewrite big = r.rewriteStatement("SELECT * FROM t LIMIT 5000", 1000);
        assertThat(r.cacheHits()).isEqualTo(1);
        assertThat(big.decision()).isEqualTo(Decision.LIMIT_LOWERED);
        assertThat(big.sql()).isEqualTo("SELECT * FROM t LIMIT 1001");
        assertThat(r.rewriteStatement("SELECT * FROM t LIMIT 5000", 10).sql())
                .as("plans do not depend on maxRows").isEqualTo("SELECT * FROM t LIMIT 11");
    }

    @Test
    void cacheIsBoundedAndEvictsTheLeastRecentlyUsed() {
        LimitRewriter r = new LimitRewriter(10, false);
        for (int i = 0; i < 100; i++) {
            r.rewriteStatement("SELECT c" + i + " FROM t", 1000);
        }
        assertThat(r.cacheSize()).isEqualTo(10);
        r.rewriteStatement("SELECT c99 FROM t", 1000);
        assertThat(r.cacheHits()).isEqualTo(1);
        r.rewriteStatement("SELECT c0 FROM t", 1000);
        assertThat(r.cacheHits()).as("evicted long ago").isEqualTo(1);
    }

    @Test
    void keysTellTokenKindsApart() {
        SqlTokens a = SqlLexer.lex("SELECT a ? 'x'");
        SqlTokens b = SqlLexer.lex("SELECT a 'x' ?");
        assertThat(PlanCache.key(a, 0, a.size())).isNotEqualTo(PlanCache.key(b, 0, b.size()));
        SqlTokens c = SqlLexer.lex("SELECT \"a b\"");
        SqlTokens d = SqlLexer.lex("SELECT a b");
        assertThat(PlanCache.key(c, 0, c.size())).isNotEqualTo(PlanCache.key(d, 0, d.size()));
    }

    @Test
    void hugeStatementsAreNotCached() {
        LimitRewriter r = new LimitRewriter(10, false);
        String huge = "SELECT '" + "x".repeat(PlanCache.MAX_KEY_CHARS) + "' FROM t";
        assertThat(r.rewriteStatement(huge, 5).decision()).isEqualTo(Decision.LIMIT_ADDED);
        assertThat(r.cacheSize()).isZero();
    }

    @Test
    void noRowLimitLeavesEverythingAlone() {
        LimitRewriter r = new LimitRewriter();
        RewriteResult res = r.rewriteQuery("SELECT * FROM t; SELECT 2", 0);
        assertThat(res.sql()).isEqualTo("SELECT * FROM t; SELECT 2");
        assertThat(res.statements()).extracting(StatementRewrite::decision)
                .containsExactly(Decision.NO_ROW_LIMIT, Decision.NO_ROW_LIMIT);
    }

    @Test
    void withTiesKeepsACapEvenWhenTheNumberIsSmall() {
        StatementRewrite s = new LimitRewriter().rewriteStatement(
                "SELECT * FROM t ORDER BY a FETCH FIRST 10 ROWS WITH TIES", 1000);
        assertThat(s.decision()).isEqualTo(Decision.UNCHANGED_SMALLER_LIMIT);
        assertThat(s.capRows()).as("ties may return more than 10 rows").isEqualTo(1000);
    }

    @Test
    void declareNamesItsCursor() {
        StatementRewrite s = new LimitRewriter().rewriteStatement(
                "DECLARE \"CURSOR:CONN:7\" SCROLL CURSOR FOR SELECT * FROM t", 1000);
        assertThat(s.cursorName()).isEqualTo("CURSOR:CONN:7");
        assertThat(s.capRows()).isEqualTo(1000);
        assertThat(new LimitRewriter().rewriteStatement("declare MyCur cursor for select 1", 5).cursorName())
                .isEqualTo("mycur");
    }
}
