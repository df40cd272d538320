package org.pgaw.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FetchTargetTest {
    @Test
    void findsTheCursorOfAFetchWhateverItsCaseAndLeadingSpace() {
        assertThat(FetchTarget.cursorOf("FETCH FORWARD 1001 FROM \"CURSOR:CONN:1\"")).isEqualTo("CURSOR:CONN:1");
        assertThat(FetchTarget.cursorOf(" \n\tfetch next in C1;")).isEqualTo("c1");
        assertThat(FetchTarget.cursorOf("Fetch c2")).isEqualTo("c2");
        assertThat(FetchTarget.cursorOf("FETCH ALL FROM U&\"c!0031\" UESCAPE '!'")).isEqualTo("c1");
        assertThat(FetchTarget.cursorOf("/* page */ MOVE ABSOLUTE 0 IN c3")).isEqualTo("c3");
    }

    /** The old regular expression backtracked on this shape; the lexer reads it once. */
    @Test
    void adversarialTextIsReadInLinearTime() {
        String evil = "FETCH " + "\"a\"\"".repeat(200_000) + " x x";
        long t0 = System.nanoTime();
        assertThat(FetchTarget.cursorOf(evil)).isNull();
        assertThat(System.nanoTime() - t0).as("linear, loosely bounded for shared CI machines").isLessThan(10_000_000_000L);
    }

    @Test
    void otherStatementsHaveNoCursor() {
        assertThat(FetchTarget.cursorOf("SELECT abalance FROM pgbench_accounts WHERE aid = 1")).isNull();
        assertThat(FetchTarget.cursorOf("FETCHED")).isNull();
        assertThat(FetchTarget.cursorOf("  ")).isNull();
        assertThat(FetchTarget.cursorOf("")).isNull();
    }
}
