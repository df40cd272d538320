package org.pgaw.proxy.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.junit.jupiter.api.Test;
import org.pgaw.proxy.guard.LimitRewriter;
import org.pgaw.proxy.guard.StatementRewrite;

/**
 * Round 2, class: state the proxy keeps for a learner is bounded by count, not by size. The plan cache is shared by
 * every session and held 10,000 keys of up to 64 K chars each (a 16 KiB statement of one-character tokens): one
 * learner sending distinct statements (measured on the demo: 2,000 of them, 26 s on a loaded machine, +64 MiB of
 * retained heap) could grow it to ~640 MiB, past the stack's 384 MiB heap, and -XX:+ExitOnOutOfMemoryError ends
 * the proxy for the whole class. The production rewriter (10,000 entries) must now hold at most ~16 MiB of keys.
 */
class MemoryRound2Test {
    private static final int STATEMENTS = 1_500;

    @Test
    void distinctGiantStatementsDoNotGrowThePlanCachePastItsBudget() {
        long before = retainedHeap();
        LimitRewriter rewriter = new LimitRewriter(10_000, false);
        String columns = ",a".repeat(8_000).substring(1); // 15,999 chars, 15,999 tokens: just under the key limit
        for (int i = 0; i < STATEMENTS; i++) {
            StatementRewrite s = rewriter.rewriteStatement("SELECT " + columns + " FROM t" + i, 1000);
            assertThat(s.refusal()).isNull();
        }
        long grown = retainedHeap() - before;
        assertThat(grown).as("heap retained by the plan cache after %d distinct 16 KiB statements", STATEMENTS)
                .isLessThan(40L * 1024 * 1024);
        // It still caches: the latest statements are there.
        long hits = rewriter.cacheHits();
        rewriter.rewriteStatement("SELECT " + columns + " FROM t" + (STATEMENTS - 1), 1000);
        assertThat(rewriter.cacheHits()).isEqualTo(hits + 1);
        assertThat(rewriter.cacheSize()).isPositive();
    }

    private static long retainedHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
