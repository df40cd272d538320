package org.pgaw.proxy.config;

import java.util.List;

/**
 * A setting's value as written, before parsing, and where it was written, so an error can point at it.
 *
 * @param text   the scalar text ("" for an explicit YAML null); null when {@code items} is used
 * @param items  a YAML sequence of scalars, or null
 * @param origin "config file F, key K", "environment variable V" or "option --f"
 * @param yamlFalse the YAML parser read a boolean false, which YAML 1.1 also spells {@code off} or {@code no}
 */
record RawValue(String text, List<String> items, String origin, boolean yamlFalse) {
    static RawValue of(String text, String origin) {
        return new RawValue(text, null, origin, false);
    }

    Object parseAs(ValueType type) {
        try {
            if (items == null) return parseScalar(type);
            if (type == ValueType.HOST_PORT_LIST) return ValueType.hostPortList(items);
            if (type != ValueType.TEXT_LIST) throw new IllegalArgumentException("takes a single value, not a list");
            return ValueType.textList(items);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(origin + ": " + e.getMessage());
        }
    }

    /** {@code listen: off} arrives as false: where "off" is a valid value (admin.listen, log_level) that is what was meant. */
    private Object parseScalar(ValueType type) {
        try {
            return type.parse(text);
        } catch (IllegalArgumentException e) {
            if (!yamlFalse) throw e;
            try {
                return type.parse("off");
            } catch (IllegalArgumentException ignored) {
                throw e;
            }
        }
    }
}
