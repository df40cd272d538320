package org.pgaw.proxy.config;

/** Everything the proxy needs to run; immutable. Loaded by {@link ConfigLoader}. */
public record ProxyConfig(HostPort listen, HostPort backend, ServerTlsConfig tls, BackendTlsConfig backendTls,
                          LimitsConfig limits, AdminConfig admin, GuardConfig guard, ConsoleConfig console) {
    /** Without the teacher's console (off). */
    public ProxyConfig(HostPort listen, HostPort backend, ServerTlsConfig tls, BackendTlsConfig backendTls,
                       LimitsConfig limits, AdminConfig admin, GuardConfig guard) {
        this(listen, backend, tls, backendTls, limits, admin, guard, ConsoleConfig.defaults());
    }

    public static ProxyConfig defaults() {
        return new ProxyConfig(new HostPort("0.0.0.0", 6432), new HostPort("127.0.0.1", 5432),
                ServerTlsConfig.defaults(), BackendTlsConfig.defaults(), LimitsConfig.defaults(),
                AdminConfig.defaults(), GuardConfig.defaults(), ConsoleConfig.defaults());
    }

    public ProxyConfig withListen(HostPort l) { return new ProxyConfig(l, backend, tls, backendTls, limits, admin, guard, console); }
    public ProxyConfig withBackend(HostPort b) { return new ProxyConfig(listen, b, tls, backendTls, limits, admin, guard, console); }
    public ProxyConfig withTls(ServerTlsConfig t) { return new ProxyConfig(listen, backend, t, backendTls, limits, admin, guard, console); }
    public ProxyConfig withBackendTls(BackendTlsConfig b) { return new ProxyConfig(listen, backend, tls, b, limits, admin, guard, console); }
    public ProxyConfig withLimits(LimitsConfig l) { return new ProxyConfig(listen, backend, tls, backendTls, l, admin, guard, console); }
    public ProxyConfig withAdmin(AdminConfig a) { return new ProxyConfig(listen, backend, tls, backendTls, limits, a, guard, console); }
    public ProxyConfig withGuard(GuardConfig g) { return new ProxyConfig(listen, backend, tls, backendTls, limits, admin, g, console); }
    public ProxyConfig withConsole(ConsoleConfig c) { return new ProxyConfig(listen, backend, tls, backendTls, limits, admin, guard, c); }
}
