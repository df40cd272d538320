package org.pgaw.proxy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The memo skips its map for texts whose slot holds no admitted key; it must never skip one it holds. */
class RewriteMemoFilterTest {
    @Test
    void everyAdmittedTextIsFoundThroughEvictions() {
        RewriteMemo<String> memo = new RewriteMemo<>(8);
        int found = 0;
        for (int i = 0; i < 5_000; i++) {
            RewriteMemo.Key k = RewriteMemo.key("SELECT " + i, 10, true, StatementGate.defaults());
            assertThat(memo.get(k)).as("never seen").isNull();
            memo.put(k, "v" + i);
            assertThat(memo.get(k)).as("seen once: not admitted yet").isNull();
            memo.put(k, "v" + i);
            assertThat(memo.get(k)).as("admitted on its second sight, text %d", i).isEqualTo("v" + i);
            found++;
            assertThat(memo.size()).isLessThanOrEqualTo(8);
        }
        assertThat(found).isEqualTo(5_000);
    }

    @Test
    void textsNeverAdmittedAreNotLookedUpAndCostNothingToTheMap() {
        RewriteMemo<String> memo = new RewriteMemo<>(1024);
        RewriteMemo.Key kept = RewriteMemo.key("SELECT 1", 10, true, StatementGate.defaults());
        memo.put(kept, "kept");
        memo.put(kept, "kept");
        for (int i = 0; i < 100_000; i++) {
            RewriteMemo.Key once = RewriteMemo.key("SELECT abalance FROM a WHERE aid = " + i, 10, true,
                    StatementGate.defaults());
            assertThat(memo.get(once)).isNull();
            memo.put(once, "x");
        }
        assertThat(memo.get(kept)).as("a stream of one-off texts leaves an admitted one alone").isEqualTo("kept");
    }
}
