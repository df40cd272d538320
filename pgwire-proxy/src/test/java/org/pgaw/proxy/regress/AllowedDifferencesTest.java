package org.pgaw.proxy.regress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The differential test's own judge: what the allow-list explains and, above all, what it does not. */
class AllowedDifferencesTest {
    private static final AllowedDifferences LIST = AllowedDifferences.parse("""
            # a comment
            tests: fn
            refusal: ^ERROR:  pgaw: BEGIN ATOMIC
            cascade: rest of file
            reason: refused whole;
              the function is missing later

            tests: cur
            rewrite: \\s+LIMIT 9(?=;)
            reason: the cap shows in pg_cursors
            """);

    @Test
    void aRefusalExplainsItsRegionAndWithCascadeTheLaterOnesWithoutOtherProxyLines() {
        String direct = "CREATE FUNCTION f() BEGIN ATOMIC SELECT 1; END;\nSELECT f();\n f \n---\n 1\n(1 row)\n\nSELECT 2;\n";
        String guarded = "CREATE FUNCTION f() BEGIN ATOMIC SELECT 1; END;\nERROR:  pgaw: BEGIN ATOMIC function bodies\n"
                + "SELECT f();\nERROR:  function f() does not exist\n\nSELECT 2;\nERROR:  pgaw: DELETE is not allowed\n";
        List<AllowedDifferences.Verdict> v = LIST.judge("fn", LineDiff.diff(LineDiff.lines(direct), LineDiff.lines(guarded)));
        assertThat(v).hasSize(3);
        assertThat(v.get(0).explainedBy()).isNotNull();
        assertThat(v.get(0).byCascade()).isFalse();
        assertThat(v.get(1).explainedBy()).isNotNull();
        assertThat(v.get(1).byCascade()).isTrue();
        assertThat(v.get(2).explainedBy()).as("another guard action is never swallowed by a cascade").isNull();
    }

    @Test
    void aRefusalOfAnotherTestFileOrWithoutItsLineExplainsNothing() {
        LineDiff.Hunk refusal = new LineDiff.Hunk(1, List.of(), 1, List.of("ERROR:  pgaw: BEGIN ATOMIC function bodies"));
        assertThat(LIST.judge("other", List.of(refusal)).get(0).explainedBy()).isNull();
        LineDiff.Hunk changedRows = new LineDiff.Hunk(3, List.of(" 1"), 3, List.of(" 2"));
        assertThat(LIST.judge("fn", List.of(changedRows)).get(0).explainedBy()).isNull();
    }

    @Test
    void aRewriteIsExplainedOnlyWhenTakingTheAddedTextOutLeavesTheSameLinesUpToPadding() {
        List<String> direct = List.of(" name | statement ", "------+-----------", " c    | DECLARE c CURSOR FOR SELECT 1;");
        List<String> guarded = List.of(" name |  statement  ", "------+-------------",
                " c    | DECLARE c CURSOR FOR SELECT 1 LIMIT 9;");
        assertThat(LIST.judge("cur", List.of(new LineDiff.Hunk(1, direct, 1, guarded))).get(0).explainedBy()).isNotNull();
        List<String> otherRow = List.of(" name |  statement  ", "------+-------------",
                " c    | DECLARE c CURSOR FOR SELECT 2 LIMIT 9;");
        assertThat(LIST.judge("cur", List.of(new LineDiff.Hunk(1, direct, 1, otherRow))).get(0).explainedBy()).isNull();
    }

    @Test
    void entriesThatExplainNothingInARunOfTheirFilesAreReported() {
        assertThat(LIST.unused(List.of("fn", "cur"), List.of())).hasSize(2);
        assertThat(LIST.unused(List.of("unrelated"), List.of())).isEmpty();
    }

    @Test
    void aMalformedEntryIsRefused() {
        assertThatThrownBy(() -> AllowedDifferences.parse("tests: a\nrefusal: x\n")).hasMessageContaining("reason");
        assertThatThrownBy(() -> AllowedDifferences.parse("tests: a\nreason: r\n")).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> AllowedDifferences.parse("tests: a\nrefusal: x\nreason: r\nwhy: y\n"))
                .hasMessageContaining("unknown key");
    }

    @Test
    void theDiffFindsEachChangedRegion() {
        List<LineDiff.Hunk> h = LineDiff.diff(List.of("a", "b", "c", "d", "e"), List.of("a", "x", "c", "e", "f"));
        assertThat(h).extracting(LineDiff.Hunk::removed).containsExactly(List.of("b"), List.of("d"), List.of());
        assertThat(h).extracting(LineDiff.Hunk::added).containsExactly(List.of("x"), List.of(), List.of("f"));
        assertThat(LineDiff.diff(List.of("same"), List.of("same"))).isEmpty();
    }

    @Test
    void theShippedAllowListParses() {
        assertThat(AllowedDifferences.load().unused(List.of("portals", "window"), List.of())).isNotEmpty();
    }
}
