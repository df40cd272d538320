package org.pgaw.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FetchTargetTest {
    @Test
    void findsTheCursorOfAFetchWhateverItsCaseAndLeadingSpace() {
        assertThat(FetchTarget.cursorOf("FETCH FORWARD 1001 FROM \"CURSOR:CONN:1\"")).isEqualTo("CURSOR:CONN:1");
        assertThat(FetchTarget.cursorOf(" \n\tfetch next in C1;")).isEqualTo("c1");
        assertThat(FetchTarget.cursorOf("Fetch c2")).isEqualTo("c2");
    }

    @Test
    void otherStatementsHaveNoCursor() {
        assertThat(FetchTarget.cursorOf("SELECT abalance FROM pgbench_accounts WHERE aid = 1")).isNull();
        assertThat(FetchTarget.cursorOf("FETCHED")).isNull();
        assertThat(FetchTarget.cursorOf("  ")).isNull();
        assertThat(FetchTarget.cursorOf("")).isNull();
    }
}
