package org.pgaw.proxy.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pgaw.proxy.config.GuardConfig.BudgetMode;
import org.pgaw.proxy.config.GuardConfig.GuardLimits;
import org.pgaw.proxy.config.GuardConfig.GuardPolicy;

/**
 * {@code guard.policies}: a YAML list, first match wins. Each entry has optional glob patterns {@code role},
 * {@code database}, {@code application}, and a {@code limits} mapping with any of the guard.limits keys; a limit
 * left out inherits guard.limits (it stays null here).
 */
final class PolicyReader {
    static final int MAX_POLICIES = 1000;
    private static final Set<String> MATCH_KEYS = Set.of("role", "database", "application");
    private static final List<String> KEYS = List.of("role", "database", "application", "limits", "allow");

    private PolicyReader() { }

    static List<GuardPolicy> read(JsonNode node, String origin) {
        if (node.isNull()) return List.of();
        if (!node.isArray()) throw new ConfigException(origin + ": must be a list of policies (each line starting with '- ')");
        if (node.size() > MAX_POLICIES) throw new ConfigException(origin + ": has more than " + MAX_POLICIES + " policies");
        List<GuardPolicy> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) out.add(policy(node.get(i), origin + "[" + i + "]"));
        return List.copyOf(out);
    }

    private static GuardPolicy policy(JsonNode node, String origin) {
        if (!node.isObject()) throw new ConfigException(origin + ": a policy is a mapping with role, database, application, limits");
        Map<String, String> match = new HashMap<>();
        GuardLimits limits = new GuardLimits(null, null, null, null, null, null);
        List<String> allow = null;
        var fields = node.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            String where = origin + "." + f.getKey();
            if (MATCH_KEYS.contains(f.getKey())) {
                match.put(f.getKey(), (String) YamlSettings.scalar(f.getValue(), where).parseAs(ValueType.TEXT));
            } else if (f.getKey().equals("limits")) {
                limits = limits(f.getValue(), where);
            } else if (f.getKey().equals("allow")) {
                @SuppressWarnings("unchecked")
                List<String> names = (List<String>) YamlSettings.scalar(f.getValue(), where).parseAs(ValueType.TEXT_LIST);
                allow = names == null ? List.of() : names;
            } else {
                throw new ConfigException(where + ": unknown key '" + f.getKey() + "'"
                        + Suggest.didYouMean(f.getKey(), KEYS) + "; a policy has " + String.join(", ", KEYS));
            }
        }
        return new GuardPolicy(match.get("role"), match.get("database"), match.get("application"), limits, allow);
    }

    private static GuardLimits limits(JsonNode node, String origin) {
        if (node.isNull()) return new GuardLimits(null, null, null, null, null, null, null, null);
        if (!node.isObject()) throw new ConfigException(origin + ": must be a mapping of guard.limits keys");
        Map<String, Object> v = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (Setting s : Settings.guardLimits()) names.add(name(s));
        var fields = node.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            String where = origin + "." + f.getKey();
            Setting s = Settings.byKey(Settings.GUARD_LIMITS_PREFIX + f.getKey()).orElseThrow(() -> new ConfigException(
                    where + ": unknown key '" + f.getKey() + "'" + Suggest.didYouMean(f.getKey(), names)
                            + "; a policy's limits take " + String.join(", ", names)));
            if (!f.getValue().isNull()) v.put(f.getKey(), YamlSettings.scalar(f.getValue(), where).parseAs(s.type()));
        }
        return new GuardLimits((Integer) v.get("max_rows"), (Long) v.get("max_result_bytes"),
                (BudgetMode) v.get("budget_mode"), (Duration) v.get("statement_timeout"),
                (Duration) v.get("idle_in_transaction_timeout"), (Duration) v.get("idle_session_timeout"),
                (Integer) v.get("catalog_max_rows"), (Duration) v.get("max_transaction_duration"));
    }

    private static String name(Setting s) {
        return s.key().substring(Settings.GUARD_LIMITS_PREFIX.length());
    }
}
