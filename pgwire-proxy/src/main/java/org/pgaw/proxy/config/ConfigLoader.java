package org.pgaw.proxy.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.pgaw.proxy.config.GuardConfig.GuardPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The effective configuration, from four layers where a later one wins per key: the defaults, the YAML file
 * ({@code --config FILE} or {@code PGAW_CONFIG}), {@code PGAW_*} environment variables, then command-line flags.
 * Every key of {@link Settings} exists in all three sources under derived names (see {@link Setting});
 * {@code guard.policies} only in the file. Bad input throws {@link ConfigException} with one line naming the source.
 */
public final class ConfigLoader {
    /** The environment variable naming the config file when there is no --config. */
    public static final String CONFIG_ENV = "PGAW_CONFIG";

    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

    private ConfigLoader() { }

    /** A loaded configuration and where each of its values came from (for messages about a value). */
    public record Loaded(EffectiveConfig config, Sources sources) { }

    /**
     * @param file  the YAML file, or null for {@code $PGAW_CONFIG} (or none when that is unset too)
     * @param env   the process environment (a map so tests can pass their own)
     * @param flags values given on the command line, by catalogue key ({@code limits.max_connections})
     */
    public static EffectiveConfig load(Path file, Map<String, String> env, Map<String, String> flags) {
        return loadWithSources(file, env, flags).config();
    }

    /** As {@link #load}, also telling where each value came from. */
    public static Loaded loadWithSources(Path file, Map<String, String> env, Map<String, String> flags) {
        return loadWithSources(file, env, flags, Map.of());
    }

    /**
     * As {@link #load}, for a command whose flags may have other names than the catalogue's (the demo's
     * {@code --max-rows} for {@code --guard-limits-max-rows}): messages name the flag as it was typed.
     *
     * @param typedFlags the flag name typed, by setting key; a key missing here was typed as the catalogue's flag
     */
    public static Loaded loadWithSources(Path file, Map<String, String> env, Map<String, String> flags,
                                         Map<String, String> typedFlags) {
        Map<String, RawValue> raw = new LinkedHashMap<>();
        Map<String, Source> sources = new HashMap<>();
        List<GuardPolicy> policies = List.of();

        Path configFile = file != null ? file : configFileFromEnv(env);
        if (configFile != null) {
            YamlSettings.Found found = YamlSettings.read(readNamed(configFile, file == null), configFile.toString());
            raw.putAll(found.values());
            for (String key : found.values().keySet()) sources.put(key, Source.ofFile(setting(key), configFile.toString()));
            if (found.policies() != null) policies = found.policies();
        }
        Map<String, RawValue> fromEnv = fromEnvironment(env);
        raw.putAll(fromEnv);
        for (String key : fromEnv.keySet()) sources.put(key, Source.ofEnvironment(setting(key)));
        for (Map.Entry<String, String> f : flags.entrySet()) {
            Setting s = setting(f.getKey());
            Source source = Source.ofFlag(s, typedFlags.getOrDefault(s.key(), s.flag()));
            raw.put(f.getKey(), RawValue.of(f.getValue(), source.describe()));
            sources.put(f.getKey(), source);
        }

        EffectiveConfig defaults = EffectiveConfig.defaults();
        Map<String, Object> values = new HashMap<>();
        for (Setting s : Settings.all()) {
            RawValue r = raw.get(s.key());
            values.put(s.key(), r == null ? s.valueIn(defaults) : r.parseAs(s.type()));
        }
        EffectiveConfig effective = ConfigBinder.bind(values, policies);
        Sources where = new Sources(sources);
        ConfigValidator.validate(effective, where, configFile == null ? null : configFile.toString());
        return new Loaded(effective, where);
    }

    private static Setting setting(String key) {
        return Settings.byKey(key).orElseThrow(() -> new IllegalArgumentException("no setting " + key));
    }

    /** A file named by PGAW_CONFIG says so when it is missing or unreadable: the person may not know it is set. */
    private static com.fasterxml.jackson.databind.JsonNode readNamed(Path configFile, boolean fromEnvironment) {
        try {
            return YamlFile.read(configFile);
        } catch (ConfigException e) {
            if (!fromEnvironment) throw e;
            throw new ConfigException(e.getMessage() + " (named by environment variable " + CONFIG_ENV + ")");
        }
    }

    private static Path configFileFromEnv(Map<String, String> env) {
        String v = env.get(CONFIG_ENV);
        return v == null || v.isBlank() ? null : Path.of(v.trim());
    }

    private static Map<String, RawValue> fromEnvironment(Map<String, String> env) {
        Map<String, RawValue> out = new LinkedHashMap<>();
        Set<String> known = new TreeSet<>();
        known.add(CONFIG_ENV);
        for (Setting s : Settings.all()) {
            known.add(s.envName());
            String v = env.get(s.envName());
            if (v != null) out.put(s.key(), RawValue.of(v, Source.ofEnvironment(s).describe()));
        }
        // Other tools of the project share the prefix (PGAW_DOMAIN, PGAW_OWNER_PASSWORD...), so an unknown name is
        // no error; but one that is close to a setting's name is most likely a typo, which must not pass unseen.
        for (String name : new TreeSet<>(env.keySet())) {
            if (name.startsWith(Setting.ENV_PREFIX) && !known.contains(name)) {
                String guess = Suggest.didYouMean(name, known);
                if (guess.isEmpty()) {
                    LOG.debug("environment variable {} is not a proxy setting", name);
                } else {
                    LOG.warn("ignoring unknown environment variable {}{}", name, guess);
                }
            }
        }
        return out;
    }
}
