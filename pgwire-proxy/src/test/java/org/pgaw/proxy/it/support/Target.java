package org.pgaw.proxy.it.support;

import java.util.Locale;

/**
 * Where the clients connect: straight to PostgreSQL (to prove a test itself is right) or through pgwire-proxy.
 * Chosen for the whole run with {@code -Dpgaw.it.target=direct|proxy}; the proxy is the default.
 */
public enum Target {
    DIRECT, PROXY;

    public static Target fromSystemProperty() {
        String v = System.getProperty("pgaw.it.target", "proxy").trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "direct": return DIRECT;
            case "proxy": return PROXY;
            default: throw new IllegalArgumentException("pgaw.it.target must be 'direct' or 'proxy', got '" + v + "'");
        }
    }
}
