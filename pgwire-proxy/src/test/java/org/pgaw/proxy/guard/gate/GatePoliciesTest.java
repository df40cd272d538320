package org.pgaw.proxy.guard.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pgaw.proxy.config.GuardConfig;
import org.pgaw.proxy.config.GuardConfig.GuardLimits;
import org.pgaw.proxy.config.GuardConfig.GuardPolicy;
import org.pgaw.proxy.guard.SqlLexer;
import org.pgaw.proxy.guard.SqlTokens;
import org.pgaw.proxy.guard.StatementGate;

class GatePoliciesTest {
    private static boolean allows(StatementGate g, String sql) {
        SqlTokens t = SqlLexer.lex(sql);
        return g.check(t, 0, t.size()) == null;
    }

    @Test
    void firstMatchingPolicyDecidesAndAPolicyWithoutAllowInheritsGuardAllow() {
        GuardConfig c = new GuardConfig(true, GuardLimits.defaults(), List.of(
                new GuardPolicy("writers_*", null, null, null, List.of("dml")),
                new GuardPolicy("strict_*", null, null, null, List.of()),
                new GuardPolicy("plain_*", null, null, null)), List.of(), List.of("listen"));
        GatePolicies p = new GatePolicies(c);
        assertThat(allows(p.gateFor("writers_1", "db", null), "INSERT INTO t VALUES (1)")).isTrue();
        assertThat(allows(p.gateFor("writers_1", "db", null), "LISTEN x")).isFalse();
        assertThat(allows(p.gateFor("strict_1", "db", null), "LISTEN x")).isFalse();
        assertThat(allows(p.gateFor("plain_1", "db", null), "LISTEN x")).isTrue();
        assertThat(allows(p.gateFor("someone", "db", null), "LISTEN x")).isTrue();
        assertThat(allows(p.gateFor("someone", "db", null), "INSERT INTO t VALUES (1)")).isFalse();
    }

    @Test
    void unknownOrNeverAllowedCategoriesStopTheStartNamingWhere() {
        assertThatThrownBy(() -> new GatePolicies(new GuardConfig(true, GuardLimits.defaults(), List.of(), List.of(),
                List.of("dml", "writes")))).hasMessageContaining("guard.allow").hasMessageContaining("'writes'")
                .hasMessageContaining("dml, ddl, roles");
        assertThatThrownBy(() -> new GatePolicies(new GuardConfig(true, GuardLimits.defaults(),
                List.of(new GuardPolicy(null, null, null, null, List.of("guard_settings"))), List.of(), List.of())))
                .hasMessageContaining("guard.policies[0].allow");
        assertThatThrownBy(() -> new StatementGate(List.of(GateCategory.UNKNOWN))).hasMessageContaining("unknown");
    }

    @Test
    void functionCallMessageIsRefusedUnlessAllowed() {
        assertThat(StatementGate.defaults().functionCallRefusal()).isNotNull()
                .satisfies(r -> assertThat(r.sqlState()).isEqualTo("42501"));
        assertThat(StatementGate.allowing(List.of("function_call")).functionCallRefusal()).isNull();
    }

    @Test
    void startupParametersMayNotCarryTheProtectedSettings() {
        Map<String, String> ok = new LinkedHashMap<>();
        ok.put("user", "learner1");
        ok.put("database", "adventureworks");
        ok.put("application_name", "statement_timeout");
        ok.put("DateStyle", "ISO");
        ok.put("options", "-c search_path=sales -c extra_float_digits=3");
        assertThat(StartupSettings.refusal(ok)).isNull();
        for (String options : new String[] {"-c statement_timeout=0", "--statement-timeout=0",
            "-c\\ x -c idle_in_transaction_session_timeout=0", "-cdefault_transaction_read_only=off",
            "-c work_mem=64GB", "-c role=aw_owner"}) {
            Map<String, String> p = new LinkedHashMap<>(ok);
            p.put("options", options);
            assertThat(StartupSettings.refusal(p)).as(options).isNotNull().startsWith("pgaw: ");
        }
        Map<String, String> direct = new LinkedHashMap<>(ok);
        direct.put("Statement_Timeout", "0");
        assertThat(StartupSettings.refusal(direct)).contains("statement_timeout");
    }
}
