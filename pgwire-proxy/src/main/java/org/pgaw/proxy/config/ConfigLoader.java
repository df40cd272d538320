package org.pgaw.proxy.config;

/** Placeholder: YAML file, then PGAW_* environment variables, then CLI flags. */
public final class ConfigLoader {
    private ConfigLoader() { }
}
