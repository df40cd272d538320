package org.pgaw.proxy.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pgaw.proxy.config.GuardConfig.GuardPolicy;

/**
 * Walks the file's tree against the catalogue: each known key becomes a {@link RawValue}, {@code guard.policies}
 * goes to the {@link PolicyReader}, and any other key is an error naming its full path.
 */
final class YamlSettings {
    /** What the file said: scalar settings by key, and the policies (null when the file has none). */
    record Found(Map<String, RawValue> values, List<GuardPolicy> policies) { }

    private final String fileName;
    private final Map<String, RawValue> values = new LinkedHashMap<>();
    private List<GuardPolicy> policies;

    private YamlSettings(String fileName) {
        this.fileName = fileName;
    }

    static Found read(JsonNode root, String fileName) {
        YamlSettings walker = new YamlSettings(fileName);
        walker.walk(root, "");
        return new Found(walker.values, walker.policies);
    }

    private void walk(JsonNode mapping, String prefix) {
        var fields = mapping.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            String key = prefix + field.getKey();
            JsonNode node = field.getValue();
            var setting = Settings.byKey(key);
            if (setting.isPresent()) {
                values.put(key, scalar(node, origin(key)));
            } else if (key.equals(Settings.POLICIES_KEY)) {
                policies = PolicyReader.read(node, origin(key));
            } else if (sections().contains(key)) {
                if (node.isObject()) {
                    walk(node, key + ".");
                } else if (!node.isNull()) {
                    throw new ConfigException(origin(key) + ": is a section and needs nested keys (like '"
                            + firstChildOf(key) + "'), not a single value");
                }
            } else {
                throw new ConfigException("config file " + fileName + ": unknown key '" + key + "'"
                        + Suggest.didYouMean(key, knownKeys()));
            }
        }
    }

    /** A YAML value as text: null is "" (none), a sequence of scalars is kept as items, a mapping is an error. */
    static RawValue scalar(JsonNode node, String origin) {
        if (node.isNull()) return RawValue.of("", origin);
        if (node.isBoolean()) return new RawValue(node.asText(), null, origin, !node.booleanValue());
        if (node.isValueNode()) return RawValue.of(node.asText(), origin);
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonNode item : node) {
                if (!item.isValueNode() || item.isNull()) throw new ConfigException(origin + ": list entries must be plain values");
                items.add(item.asText());
            }
            return new RawValue(null, items, origin, false);
        }
        throw new ConfigException(origin + ": takes a single value, not a mapping");
    }

    private String origin(String key) {
        return "config file " + fileName + ", key " + key;
    }

    /** Every dotted prefix of a setting's key: tls, backend_tls, limits, admin, guard, guard.limits. */
    static Set<String> sections() {
        Set<String> out = new LinkedHashSet<>();
        for (Setting s : Settings.all()) {
            String k = s.key();
            for (int dot = k.indexOf('.'); dot > 0; dot = k.indexOf('.', dot + 1)) out.add(k.substring(0, dot));
        }
        return out;
    }

    private static String firstChildOf(String section) {
        for (Setting s : Settings.all()) {
            if (s.key().startsWith(section + ".")) return s.key().substring(section.length() + 1) + ": ...";
        }
        return "...";
    }

    private static Set<String> knownKeys() {
        Set<String> keys = new LinkedHashSet<>(sections());
        for (Setting s : Settings.all()) keys.add(s.key());
        keys.add(Settings.POLICIES_KEY);
        return keys;
    }
}
