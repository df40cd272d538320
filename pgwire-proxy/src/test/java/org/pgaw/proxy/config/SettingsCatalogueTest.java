package org.pgaw.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The catalogue must cover every component of the config records: a component added to, say, LimitsConfig without
 * a catalogue entry fails here (and so cannot be missing from the file, the environment, the flags or --help).
 */
class SettingsCatalogueTest {
    @Test
    void everyRecordComponentHasASettingReadingIt() throws ReflectiveOperationException {
        Map<String, Object> leaves = new LinkedHashMap<>();
        collectLeaves(ProxyConfig.defaults(), "", leaves);
        leaves.remove(Settings.POLICIES_KEY); // the one YAML-only list, read by PolicyReader
        leaves.put("log_level", EffectiveConfig.defaults().logLevel());

        assertThat(Settings.all()).extracting(Setting::key).containsExactlyInAnyOrderElementsOf(leaves.keySet());
        for (Setting s : Settings.all()) {
            assertThat(s.defaultValue()).as("the default %s reads", s.key()).isEqualTo(leaves.get(s.key()));
        }
    }

    @Test
    void namesAreDerivedTheSameWayForEveryKey() {
        Setting s = Settings.byKey("guard.limits.idle_in_transaction_timeout").orElseThrow();
        assertThat(s.envName()).isEqualTo("PGAW_GUARD_LIMITS_IDLE_IN_TRANSACTION_TIMEOUT");
        assertThat(s.flag()).isEqualTo("--guard-limits-idle-in-transaction-timeout");
        assertThat(Settings.byKey("log_level").orElseThrow().flag()).isEqualTo("--log-level");
        assertThat(Settings.all()).extracting(Setting::flag).doesNotHaveDuplicates();
        assertThat(Settings.all()).extracting(Setting::envName).doesNotHaveDuplicates().doesNotContain(ConfigLoader.CONFIG_ENV);
    }

    /** Nested config records are sections; anything else (HostPort, Duration, Path, List...) is a value. */
    private static void collectLeaves(Object record, String prefix, Map<String, Object> out) throws ReflectiveOperationException {
        for (RecordComponent rc : record.getClass().getRecordComponents()) {
            String key = prefix + snakeCase(rc.getName());
            Object value = rc.getAccessor().invoke(record);
            Class<?> type = rc.getType();
            boolean section = type.isRecord() && type != HostPort.class && type.getPackageName().equals(ProxyConfig.class.getPackageName());
            if (section) {
                collectLeaves(value, key + ".", out);
            } else {
                out.put(key, value);
            }
        }
    }

    private static String snakeCase(String camel) {
        return camel.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
    }
}
