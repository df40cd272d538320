package org.pgaw.proxy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of the table-driven corpus: expected text and per-statement decisions, with maxRows = 1000. */
class LimitRewriterCorpusTest {
    private static final LimitRewriter REWRITER = new LimitRewriter();
    private static final LimitRewriter CROSS_CHECKED = new LimitRewriter(LimitRewriter.DEFAULT_CACHE_CAPACITY, true);

    static Stream<RewriteCorpus> cases() throws IOException {
        return RewriteCorpus.all().stream();
    }

    @Test
    void corpusIsLargeEnough() throws IOException {
        assertThat(RewriteCorpus.all()).hasSizeGreaterThanOrEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rewritesAsExpected(RewriteCorpus c) {
        check(REWRITER, c);
    }

    /** A second pass through the same rewriter answers from the cache and must answer the same. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void cachedAnswerIsTheSame(RewriteCorpus c) {
        LimitRewriter rewriter = new LimitRewriter();
        check(rewriter, c);
        check(rewriter, c);
    }

    /** With JSqlParser as a second opinion the corpus must read the same: the tokens and the parser agree. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parserCrossCheckAgrees(RewriteCorpus c) {
        check(CROSS_CHECKED, c);
    }

    /** Without a cache every statement is planned afresh: same answers. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameWithoutCache(RewriteCorpus c) {
        check(new LimitRewriter(0, false), c);
    }

    static void check(LimitRewriter rewriter, RewriteCorpus c) {
        if (c.wholeQuery()) {
            RewriteResult r = rewriter.rewriteQuery(c.input(), RewriteCorpus.MAX_ROWS);
            assertThat(r.sql()).as("rewritten text").isEqualTo(c.expected());
            if (c.decisions().equals(List.of("REFUSED"))) {
                assertThat(r.planned()).as("planned").isFalse();
                assertThat(r.refusal()).as("refusal").isNotNull();
                return;
            }
            assertThat(r.planned()).as("planned, but refused: " + r.queryRefusal()).isTrue();
            assertThat(r.queryRefusal()).as("refusal of the whole Query by the lexer").isNull();
            assertThat(r.statements()).extracting(s -> s.decision().name()).as("decisions")
                    .containsExactlyElementsOf(c.decisions());
            r.statements().forEach(LimitRewriterCorpusTest::checkCap);
        } else {
            StatementRewrite s = rewriter.rewriteStatement(c.input(), RewriteCorpus.MAX_ROWS);
            assertThat(s.sql()).as("rewritten text").isEqualTo(c.expected());
            assertThat(List.of(s.decision().name())).as("decision").isEqualTo(c.decisions());
            checkCap(s);
        }
    }

    private static void checkCap(StatementRewrite s) {
        if (s.decision().rewritten()) {
            assertThat(s.capRows()).as("capRows of " + s.sql()).isEqualTo(RewriteCorpus.MAX_ROWS);
        } else if (s.decision() != Decision.UNCHANGED_SMALLER_LIMIT) {
            assertThat(s.capRows()).as("capRows of " + s.sql()).isEqualTo(-1);
        }
    }
}
