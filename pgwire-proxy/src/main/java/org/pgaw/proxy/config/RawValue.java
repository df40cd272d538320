package org.pgaw.proxy.config;

import java.util.List;

/**
 * A setting's value as written, before parsing, and where it was written, so an error can point at it.
 *
 * @param text   the scalar text ("" for an explicit YAML null); null when {@code items} is used
 * @param items  a YAML sequence of scalars, or null
 * @param origin "config file F, key K", "environment variable V" or "option --f"
 */
record RawValue(String text, List<String> items, String origin) {
    static RawValue of(String text, String origin) {
        return new RawValue(text, null, origin);
    }

    Object parseAs(ValueType type) {
        try {
            if (items == null) return type.parse(text);
            if (type != ValueType.TEXT_LIST) throw new IllegalArgumentException("takes a single value, not a list");
            return type.parse(String.join(",", items));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(origin + ": " + e.getMessage());
        }
    }
}
