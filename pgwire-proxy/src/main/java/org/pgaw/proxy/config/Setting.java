package org.pgaw.proxy.config;

import java.util.Locale;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * One scalar setting. Its YAML key is the single name from which the environment variable and the flag are derived,
 * so the three can never drift apart: {@code limits.max_connections} ⇔ {@code PGAW_LIMITS_MAX_CONNECTIONS} ⇔
 * {@code --limits-max-connections}.
 *
 * @param key    dotted path of snake_case names in the YAML file
 * @param type   how the value is written and printed
 * @param getter reads the current value (for defaults and --print-config)
 * @param help   one sentence for --help, the README and the example file
 */
public record Setting(String key, ValueType type, Function<EffectiveConfig, Object> getter, String help) {
    public static final String ENV_PREFIX = "PGAW_";

    public String envName() {
        return ENV_PREFIX + key.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    public String flag() {
        return "--" + key.replace('.', '-').replace('_', '-');
    }

    public Object valueIn(EffectiveConfig config) {
        return getter.apply(config);
    }

    /** The value of {@code config} as YAML holds it: String, Number, Boolean, List, or null for "none". */
    public Object yamlValueIn(EffectiveConfig config) {
        Object v = type.format(valueIn(config));
        return v == null && type == ValueType.HOST_PORT_OR_OFF ? "off" : v;
    }

    /** The value of {@code config} as it is written on the command line or in the environment ("" for none). */
    public String textIn(EffectiveConfig config) {
        Object v = yamlValueIn(config);
        if (v == null) return "";
        if (v instanceof Iterable<?> items) {
            StringJoiner joined = new StringJoiner(",");
            items.forEach(item -> joined.add(item.toString()));
            return joined.toString();
        }
        return v.toString();
    }

    public Object defaultValue() {
        return valueIn(EffectiveConfig.defaults());
    }
}
