package org.pgaw.stack.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The harness's arithmetic and parsing, without a stack: what the report's numbers are made of. */
class HarnessPartsTest {
    @Test
    void percentilesAreNearestRankAndErrorsAreGroupedByMessageNotByLearner() {
        List<QueryLog.Query> qs = new java.util.ArrayList<>();
        for (int i = 1; i <= 100; i++) qs.add(new QueryLog.Query(QueryLog.Who.PSQL, "l", 0, i, i, null));
        qs.add(new QueryLog.Query(QueryLog.Who.PSQL, "l", 0, 0, 1000,
                "psql:<stdin>:3: ERROR:  permission denied for learner12"));
        qs.add(new QueryLog.Query(QueryLog.Who.PSQL, "l", 0, 0, 1000,
                "psql:<stdin>:9: ERROR:  permission denied for learner7"));
        Latency l = Latency.of(qs);
        assertThat(l.queries()).isEqualTo(102);
        assertThat(l.p50()).isEqualTo(51);
        assertThat(l.p95()).isEqualTo(97);
        assertThat(l.p99()).isEqualTo(1000);
        assertThat(l.max()).isEqualTo(1000);
        assertThat(l.errors()).isEqualTo(2);
        assertThat(l.errorKinds()).containsExactly(Map.entry("ERROR:  permission denied for learnerN", 2));
        assertThat(Latency.of(List.of()).percentiles()).isEqualTo("-");
    }

    @Test
    void countersAreReadFromPrometheusTextAndOnlyTheirGrowthIsReported() {
        String before = """
                # HELP pgaw_proxy_guard_actions_total Times a guard limited ...
                pgaw_proxy_guard_actions_total{action="row_limit"} 3.0
                pgaw_proxy_client_connections_active 7.0
                jvm_threads_started_total 99.0
                """;
        String after = """
                pgaw_proxy_guard_actions_total{action="row_limit"} 5.0
                pgaw_proxy_guard_actions_total{action="statement_timeout"} 2.0
                pgaw_proxy_client_sent_bytes_total 1.2345E7
                """;
        Map<String, Double> a = ProxyCounters.parse(before);
        assertThat(a).containsOnlyKeys("pgaw_proxy_guard_actions_total{action=\"row_limit\"}");
        assertThat(ProxyCounters.growth(a, ProxyCounters.parse(after))).containsExactly(
                Map.entry("pgaw_proxy_client_sent_bytes_total", 12_345_000L),
                Map.entry("pgaw_proxy_guard_actions_total{action=\"row_limit\"}", 2L),
                Map.entry("pgaw_proxy_guard_actions_total{action=\"statement_timeout\"}", 2L));
    }

    @Test
    void theMisbehavingShareIsRoundedAndNeverZeroWhenAsked() {
        LoadOptions o = new LoadOptions(60, 20, LoadOptions.share("10%"), Duration.ofMinutes(10), Duration.ofSeconds(3),
                Duration.ofSeconds(10), Duration.ofSeconds(30), Path.of("x"));
        assertThat(o.misbehavingPgAdmin()).isEqualTo(6);
        assertThat(o.misbehavingPsql()).isEqualTo(2);
        LoadOptions few = new LoadOptions(3, 1, LoadOptions.share("0.1"), Duration.ofMinutes(1), Duration.ZERO,
                Duration.ZERO, Duration.ofSeconds(30), Path.of("x"));
        assertThat(few.misbehavingPgAdmin()).isEqualTo(1);
        assertThat(few.misbehavingPsql()).isEqualTo(1);
        LoadOptions none = new LoadOptions(3, 1, 0, Duration.ofMinutes(1), Duration.ZERO, Duration.ZERO,
                Duration.ofSeconds(30), Path.of("x"));
        assertThat(none.misbehavingPgAdmin() + none.misbehavingPsql()).isZero();
    }

    @Test
    void theBundledSetsAreWhatTheLearnersRun() {
        assertThat(QuerySet.PRACTICE.all()).hasSizeGreaterThanOrEqualTo(15)
                .allSatisfy(sql -> assertThat(sql).doesNotContain("--").doesNotEndWith(";").isNotBlank());
        assertThat(QuerySet.MISBEHAVING.first()).startsWith("SELECT count(*)").contains("CROSS JOIN");
        assertThat(String.join("\n", QuerySet.MISBEHAVING.all())).contains("pg_sleep(600)", "repeat(");
    }

    @Test
    void psqlErrorsAreErrorsAndNoticesAreNot() {
        assertThat(PsqlProcess.isProblem("psql:<stdin>:3: ERROR:  canceling statement due to user request")).isTrue();
        assertThat(PsqlProcess.isProblem("psql: error: connection to server at \"127.0.0.1\" failed")).isTrue();
        assertThat(PsqlProcess.isProblem("FATAL:  terminating connection")).isTrue();
        assertThat(PsqlProcess.isProblem("psql:<stdin>:4: NOTICE:  pgaw: showing the first 1000 rows")).isFalse();
    }
}
