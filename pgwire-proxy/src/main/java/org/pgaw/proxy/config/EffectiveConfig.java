package org.pgaw.proxy.config;

/**
 * What the command line runs with: the proxy's configuration plus the process-level settings that the proxy
 * itself does not need (the log level).
 *
 * @param proxy    handed to {@code ProxyServer.start}
 * @param logLevel trace, debug, info, warn, error or off
 */
public record EffectiveConfig(ProxyConfig proxy, String logLevel) {
    public static EffectiveConfig defaults() {
        return new EffectiveConfig(ProxyConfig.defaults(), "info");
    }
}
