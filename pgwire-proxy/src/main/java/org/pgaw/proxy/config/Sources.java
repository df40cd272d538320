package org.pgaw.proxy.config;

import java.util.Map;

/** The {@link Source} of every setting of one loaded configuration; settings nobody gave are defaults. */
public final class Sources {
    private final Map<String, Source> byKey;

    Sources(Map<String, Source> byKey) {
        this.byKey = Map.copyOf(byKey);
    }

    /** Every setting at its default: for configurations built in code (tests, the demo's fixed settings). */
    public static Sources defaults() {
        return new Sources(Map.of());
    }

    /** Only these settings given, as flags: the demo's options are a subset of the proxy's flags. */
    public static Sources flags(Iterable<String> keys) {
        Map<String, Source> m = new java.util.HashMap<>();
        for (String k : keys) m.put(k, Source.ofFlag(setting(k)));
        return new Sources(m);
    }

    public Source of(String key) {
        Source s = byKey.get(key);
        return s != null ? s : Source.ofDefault(setting(key));
    }

    /** "option --listen" and the like: where the value of {@code key} came from. */
    public String describe(String key) {
        return of(key).describe();
    }

    private static Setting setting(String key) {
        return Settings.byKey(key).orElseThrow(() -> new IllegalArgumentException("no setting " + key));
    }
}
