package org.pgaw.proxy.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import org.pgaw.proxy.config.GuardConfig.GuardLimits;
import org.pgaw.proxy.config.GuardConfig.GuardPolicy;

/**
 * The effective configuration as a YAML file that {@link ConfigLoader} reads back to the same values.
 * There is nothing secret to hide: the configuration holds no passwords, and the TLS key is only a file path.
 */
public final class ConfigPrinter {
    private static final YAMLMapper WRITER = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();

    private ConfigPrinter() { }

    public static String toYaml(EffectiveConfig config) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (Setting s : Settings.all()) {
            put(root, s.key(), s.yamlValueIn(config));
            if (s.key().equals("guard.exempt_roles")) {
                put(root, Settings.POLICIES_KEY, policies(config));
            }
        }
        try {
            return "# pgwire-proxy effective configuration (no secrets: key files are referenced by path)\n"
                    + WRITER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ArrayNode policies(EffectiveConfig config) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (GuardPolicy p : config.proxy().guard().policies()) {
            ObjectNode o = list.addObject();
            if (p.role() != null) o.put("role", p.role());
            if (p.database() != null) o.put("database", p.database());
            if (p.application() != null) o.put("application", p.application());
            ObjectNode limits = limits(p.limits());
            if (!limits.isEmpty()) o.set("limits", limits);
        }
        return list;
    }

    /** Only a policy's own (non-null) limits; the rest inherit guard.limits. */
    private static ObjectNode limits(GuardLimits limits) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (limits == null) return o;
        EffectiveConfig holder = withGuardLimits(limits);
        for (Setting s : Settings.guardLimits()) {
            Object v = s.type().format(s.valueIn(holder));
            if (v != null) put(o, s.key().substring(Settings.GUARD_LIMITS_PREFIX.length()), v);
        }
        return o;
    }

    private static EffectiveConfig withGuardLimits(GuardLimits limits) {
        EffectiveConfig d = EffectiveConfig.defaults();
        GuardConfig g = d.proxy().guard();
        return new EffectiveConfig(d.proxy().withGuard(new GuardConfig(g.enabled(), limits, g.policies(), g.exemptRoles())),
                d.logLevel());
    }

    private static void put(ObjectNode root, String dottedKey, Object value) {
        String[] parts = dottedKey.split("\\.");
        ObjectNode at = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = at.get(parts[i]);
            at = child instanceof ObjectNode o ? o : at.putObject(parts[i]);
        }
        at.set(parts[parts.length - 1], WRITER.valueToTree(value));
    }
}
