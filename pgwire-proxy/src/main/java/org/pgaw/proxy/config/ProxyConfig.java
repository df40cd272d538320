package org.pgaw.proxy.config;

/** Everything the proxy needs to run; immutable. Loaded by {@link ConfigLoader}. */
public record ProxyConfig(HostPort listen, HostPort backend, ServerTlsConfig tls, BackendTlsConfig backendTls,
                          LimitsConfig limits, AdminConfig admin, GuardConfig guard, StandbysConfig backendStandbys,
                          ClusterConfig cluster, ConsoleConfig console) {
    /** Without standbys, peers or the teacher's console: one proxy in front of one PostgreSQL. */
    public ProxyConfig(HostPort listen, HostPort backend, ServerTlsConfig tls, BackendTlsConfig backendTls,
                       LimitsConfig limits, AdminConfig admin, GuardConfig guard) {
        this(listen, backend, tls, backendTls, limits, admin, guard, StandbysConfig.defaults(), ClusterConfig.defaults(),
                ConsoleConfig.defaults());
    }

    public ProxyConfig {
        if (backendStandbys == null) backendStandbys = StandbysConfig.defaults();
        if (cluster == null) cluster = ClusterConfig.defaults();
        if (console == null) console = ConsoleConfig.defaults();
    }

    public static ProxyConfig defaults() {
        return new ProxyConfig(new HostPort("0.0.0.0", 6432), new HostPort("127.0.0.1", 5432),
                ServerTlsConfig.defaults(), BackendTlsConfig.defaults(), LimitsConfig.defaults(),
                AdminConfig.defaults(), GuardConfig.defaults());
    }

    public ProxyConfig withListen(HostPort l) { return new ProxyConfig(l, backend, tls, backendTls, limits, admin, guard, backendStandbys, cluster, console); }
    public ProxyConfig withBackend(HostPort b) { return new ProxyConfig(listen, b, tls, backendTls, limits, admin, guard, backendStandbys, cluster, console); }
    public ProxyConfig withTls(ServerTlsConfig t) { return new ProxyConfig(listen, backend, t, backendTls, limits, admin, guard, backendStandbys, cluster, console); }
    public ProxyConfig withBackendTls(BackendTlsConfig b) { return new ProxyConfig(listen, backend, tls, b, limits, admin, guard, backendStandbys, cluster, console); }
    public ProxyConfig withLimits(LimitsConfig l) { return new ProxyConfig(listen, backend, tls, backendTls, l, admin, guard, backendStandbys, cluster, console); }
    public ProxyConfig withAdmin(AdminConfig a) { return new ProxyConfig(listen, backend, tls, backendTls, limits, a, guard, backendStandbys, cluster, console); }
    public ProxyConfig withGuard(GuardConfig g) { return new ProxyConfig(listen, backend, tls, backendTls, limits, admin, g, backendStandbys, cluster, console); }
    public ProxyConfig withStandbys(StandbysConfig s) { return new ProxyConfig(listen, backend, tls, backendTls, limits, admin, guard, s, cluster, console); }
    public ProxyConfig withCluster(ClusterConfig c) { return new ProxyConfig(listen, backend, tls, backendTls, limits, admin, guard, backendStandbys, c, console); }
    public ProxyConfig withConsole(ConsoleConfig c) { return new ProxyConfig(listen, backend, tls, backendTls, limits, admin, guard, backendStandbys, cluster, c); }
}
