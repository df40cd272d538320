package org.pgaw.proxy.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pgaw.proxy.config.GuardConfig;
import org.pgaw.proxy.config.GuardConfig.BudgetMode;
import org.pgaw.proxy.config.GuardConfig.GuardLimits;
import org.pgaw.proxy.config.GuardConfig.GuardPolicy;

class GuardPolicyResolverTest {
    private static final GuardLimits NONE = new GuardLimits(null, null, null, null, null, null);

    private static GuardLimits rows(int n) {
        return new GuardLimits(n, null, null, null, null, null);
    }

    @Test
    void defaultsApplyWhenNothingMatches() {
        EffectiveLimits l = new GuardPolicyResolver(GuardConfig.defaults()).resolve("student1", "adventureworks", "psql");
        assertThat(l.exempt()).isFalse();
        assertThat(l.maxRows()).isEqualTo(1000);
        assertThat(l.maxResultBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(l.budgetMode()).isEqualTo(BudgetMode.TRUNCATE);
        assertThat(l.statementTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(l.idleInTransactionTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(l.idleSessionTimeout()).isEqualTo(Duration.ZERO);
        assertThat(l.source()).isEqualTo("defaults");
        assertThat(l.rowCapOn()).isTrue();
        assertThat(l.byteBudgetOn()).isTrue();
    }

    @Test
    void nullConfigMeansDefaults() {
        assertThat(new GuardPolicyResolver(null).resolve("a", "b", null).maxRows()).isEqualTo(1000);
    }

    @Test
    void exemptRoleIsUnguarded() {
        GuardConfig c = new GuardConfig(true, GuardLimits.defaults(), List.of(new GuardPolicy("*", null, null, rows(5))),
                List.of("teacher", "admin_*"));
        GuardPolicyResolver r = new GuardPolicyResolver(c);
        EffectiveLimits teacher = r.resolve("teacher", "adventureworks", "psql");
        assertThat(teacher.exempt()).isTrue();
        assertThat(teacher.rowCapOn()).isFalse();
        assertThat(teacher.byteBudgetOn()).isFalse();
        assertThat(teacher.statementTimeout()).isEqualTo(Duration.ZERO);
        assertThat(r.resolve("admin_bob", "x", null).exempt()).isTrue();
        assertThat(r.resolve("Teacher", "x", null).exempt()).as("role names are case-sensitive").isFalse();
        assertThat(r.resolve("teacher2", "x", null).exempt()).isFalse();
    }

    @Test
    void disabledGuardsAreUnguarded() {
        GuardConfig c = new GuardConfig(false, GuardLimits.defaults(), List.of(), List.of());
        EffectiveLimits l = new GuardPolicyResolver(c).resolve("student", "db", "app");
        assertThat(l.exempt()).isTrue();
        assertThat(l.source()).isEqualTo("guards disabled");
    }

    @Test
    void firstMatchingPolicyWinsAndInheritsTheRest() {
        GuardLimits defaults = new GuardLimits(1000, 1000L, BudgetMode.ERROR, Duration.ofSeconds(3), Duration.ZERO,
                Duration.ofMinutes(30));
        GuardConfig c = new GuardConfig(true, defaults, List.of(
                new GuardPolicy("student_*", "adventureworks", null, rows(200)),
                new GuardPolicy("student_*", null, null, rows(300)),
                new GuardPolicy(null, null, "report?", new GuardLimits(null, 5L, null, null, null, null))),
                List.of());
        GuardPolicyResolver r = new GuardPolicyResolver(c);
        EffectiveLimits l = r.resolve("student_ann", "adventureworks", "psql");
        assertThat(l.maxRows()).isEqualTo(200);
        assertThat(l.maxResultBytes()).as("inherited").isEqualTo(1000L);
        assertThat(l.budgetMode()).isEqualTo(BudgetMode.ERROR);
        assertThat(l.statementTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(l.idleSessionTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(l.source()).startsWith("policy #1");
        assertThat(r.resolve("student_ann", "postgres", "psql").maxRows()).isEqualTo(300);
        EffectiveLimits report = r.resolve("bob", "db", "report1");
        assertThat(report.maxResultBytes()).isEqualTo(5L);
        assertThat(report.maxRows()).isEqualTo(1000);
        assertThat(r.resolve("bob", "db", "report12").source()).isEqualTo("defaults");
        assertThat(r.resolve("bob", "db", null).source()).as("no application_name").isEqualTo("defaults");
    }

    @Test
    void nullDefaultFieldsFallBackToBuiltInDefaults() {
        GuardConfig c = new GuardConfig(true, NONE, List.of(), List.of());
        EffectiveLimits l = new GuardPolicyResolver(c).resolve("s", "d", "a");
        assertThat(l.maxRows()).isEqualTo(1000);
        assertThat(l.statementTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void pgAdminBrowserConnectionIsNotExemptByName() {
        EffectiveLimits l = new GuardPolicyResolver(GuardConfig.defaults())
                .resolve("student", "adventureworks", "pgAdmin 4 - DB:adventureworks");
        assertThat(l.maxRows()).as("application_name is chosen by the client, so it cannot lift a cap").isEqualTo(1000);
    }

    @Test
    void aPolicyCanTurnTheRowCapOff() {
        GuardConfig c = new GuardConfig(true, GuardLimits.defaults(),
                List.of(new GuardPolicy(null, null, "pgAdmin 4 - DB:*", rows(0))), List.of());
        EffectiveLimits l = new GuardPolicyResolver(c).resolve("student", "aw", "pgAdmin 4 - DB:aw");
        assertThat(l.rowCapOn()).isFalse();
        assertThat(l.byteBudgetOn()).isTrue();
    }

    @Test
    void invalidLimitsAreRejectedWithTheirPlace() {
        GuardConfig negativeRows = new GuardConfig(true, GuardLimits.defaults(),
                List.of(new GuardPolicy("x", null, null, rows(-1))), List.of());
        assertThatThrownBy(() -> new GuardPolicyResolver(negativeRows))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("policy #1").hasMessageContaining("maxRows");
        GuardConfig negativeBytes = new GuardConfig(true, new GuardLimits(10, -5L, null, null, null, null), List.of(),
                List.of());
        assertThatThrownBy(() -> new GuardPolicyResolver(negativeBytes))
                .hasMessageContaining("default").hasMessageContaining("maxResultBytes");
        GuardConfig negativeTimeout = new GuardConfig(true,
                new GuardLimits(10, 5L, null, Duration.ofSeconds(-1), null, null), List.of(), List.of());
        assertThatThrownBy(() -> new GuardPolicyResolver(negativeTimeout)).hasMessageContaining("statementTimeout");
        GuardConfig maxInt = new GuardConfig(true, rows(Integer.MAX_VALUE), List.of(), List.of());
        assertThatThrownBy(() -> new GuardPolicyResolver(maxInt)).hasMessageContaining("maxRows");
    }

    @Test
    void globs() {
        assertThat(Glob.of("*").matches("")).isTrue();
        assertThat(Glob.of("*").matches(null)).isTrue();
        assertThat(Glob.of(null).matches("anything")).isTrue();
        assertThat(Glob.of("a*b*c").matches("a-b-b-c")).isTrue();
        assertThat(Glob.of("a*b*c").matches("a-b-b-d")).isFalse();
        assertThat(Glob.of("?x").matches("ax")).isTrue();
        assertThat(Glob.of("?x").matches("x")).isFalse();
        assertThat(Glob.of("abc").matches("abcd")).isFalse();
        assertThat(Glob.of("a.c").matches("abc")).as("no regex semantics").isFalse();
        assertThat(Glob.of("pgAdmin 4 - DB:*").matches("pgAdmin 4 - DB:aw")).isTrue();
        assertThat(Glob.of("pgAdmin 4 - DB:*").matches("pgAdmin 4 - CONN:1")).isFalse();
        assertThat(Glob.of("**a").matches("bbba")).isTrue();
        String longValue = "a".repeat(10_000);
        assertThat(Glob.of("*a*a*a*a*a*b").matches(longValue)).isFalse();
    }
}
