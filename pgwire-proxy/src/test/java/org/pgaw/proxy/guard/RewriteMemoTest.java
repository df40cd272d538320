package org.pgaw.proxy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The memo of whole results is invisible except in cost: a repeat gets the same answer the planner would give. */
class RewriteMemoTest {
    private final LimitRewriter rewriter = new LimitRewriter(100, false);

    @Test
    void aTextSeenTwiceIsAnsweredFromTheMemoFromItsThirdSight() {
        String sql = "SELECT abalance FROM pgbench_accounts WHERE aid = $1";
        StatementRewrite first = rewriter.rewriteStatement(sql, 1000);
        StatementRewrite second = rewriter.rewriteStatement(sql, 1000);
        StatementRewrite third = rewriter.rewriteStatement(sql, 1000);
        assertThat(second).as("planned again").isNotSameAs(first);
        assertThat(second.sql()).isEqualTo(first.sql());
        assertThat(second.decision()).isEqualTo(first.decision());
        assertThat(third).as("admitted on its second sight").isSameAs(second);
        assertThat(third.sql()).isEqualTo(sql + " LIMIT 1001");
    }

    @Test
    void theGateInstanceIsPartOfTheKey() {
        String sql = "DELETE FROM t";
        StatementGate writers = StatementGate.allowing(List.of("dml"));
        for (int i = 0; i < 3; i++) {
            assertThat(rewriter.rewriteStatement(sql, 1000, true, StatementGate.defaults()).refusal())
                    .as("the default gate refuses, every time").isNotNull();
            assertThat(rewriter.rewriteStatement(sql, 1000, true, writers).refusal())
                    .as("a policy allowing DML lets it run, every time").isNull();
        }
    }

    @Test
    void constantsTheGateReadsAreNeverSharedBetweenTexts() {
        // One plan shape (constants are '?' in the plan key), two decisions: the gate reads the option's value.
        String analyze = "EXPLAIN (ANALYZE 1) DELETE FROM t";
        String plain = "EXPLAIN (ANALYZE 0) DELETE FROM t";
        for (int i = 0; i < 3; i++) {
            Refusal a = rewriter.rewriteQuery(analyze, 1000).statements().get(0).refusal();
            Refusal p = rewriter.rewriteQuery(plain, 1000).statements().get(0).refusal();
            assertThat(a).as("EXPLAIN ANALYZE runs the DELETE").isNotNull();
            assertThat(p).as("plain EXPLAIN does not").isNull();
        }
    }

    @Test
    void theRowCapAndStandardConformingStringsArePartOfTheKey() {
        String sql = "SELECT * FROM t";
        for (int i = 0; i < 3; i++) {
            assertThat(rewriter.rewriteQuery(sql, 10).sql()).isEqualTo("SELECT * FROM t LIMIT 11");
            assertThat(rewriter.rewriteQuery(sql, 1000).sql()).isEqualTo("SELECT * FROM t LIMIT 1001");
        }
        String backslash = "SELECT 'a\\' FROM t";
        for (int i = 0; i < 3; i++) {
            assertThat(rewriter.rewriteQuery(backslash, 10, true).queryRefusal()).isNull();
            assertThat(rewriter.rewriteQuery(backslash, 10, false).queryRefusal())
                    .as("with standard_conforming_strings off the quote is escaped: unterminated").isNotNull();
        }
    }
}
