package org.pgaw.proxy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LagRuleTest {
    private static final Duration MAX = Duration.ofSeconds(30);

    @Test
    void anIdlePrimaryDoesNotMakeACaughtUpStandbyLagHoweverOldItsLastTransaction() {
        assertThat(LagRule.lagging(1000L, 1000L, 1000L, 86_400.0, MAX)).isNull();
        assertThat(LagRule.lagging(1000L, 1000L, 1000L, null, MAX)).isNull();
    }

    @Test
    void behindAndLongWithoutReplayIsLagging() {
        assertThat(LagRule.lagging(5000L, 5000L, 1000L, 120.0, MAX)).contains("4000 bytes behind", "120 s");
        assertThat(LagRule.lagging(5000L, 1000L, 1000L, null, MAX)).contains("behind");
    }

    @Test
    void behindUnderSteadyLoadButReplayingRecentlyIsFine() {
        assertThat(LagRule.lagging(5000L, 4800L, 4000L, 0.3, MAX)).isNull();
    }

    @Test
    void withoutThePrimaryTheStandbysOwnReceivedPositionIsTheReference() {
        assertThat(LagRule.lagging(null, 2000L, 2000L, 500.0, MAX)).isNull();
        assertThat(LagRule.lagging(null, 3000L, 2000L, 500.0, MAX)).isNotNull();
        assertThat(LagRule.lagging(null, null, null, null, MAX)).isNotNull();
    }

    @Test
    void walPositionsParseAsPostgreSqlWritesThem() {
        assertThat(WalPosition.parse("0/3000148")).isEqualTo(0x3000148L);
        assertThat(WalPosition.parse("16/B374D848")).isEqualTo((0x16L << 32) | 0xB374D848L);
        assertThat(WalPosition.parse(null)).isNull();
    }
}
