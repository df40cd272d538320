package org.pgaw.proxy.it.support;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.pgaw.proxy.ProxyServer;
import org.pgaw.proxy.config.AdminConfig;
import org.pgaw.proxy.config.GuardConfig;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.config.ProxyConfig;
import org.pgaw.proxy.config.ServerTlsConfig;
import org.pgaw.proxy.testing.TestCa;

/**
 * pgwire-proxy started in the test JVM in front of {@link org.pgaw.proxy.testing.TestPostgres}: loopback, a free
 * port, TLS with the test CA's certificate (optional for clients, so plaintext and TLS clients both work), guards off
 * because these tests check that the proxy is transparent, no admin endpoint.
 */
public final class ItProxy {
    private ItProxy() { }

    public static ProxyConfig transparentConfig(int backendPort, TestCa.ServerFiles tls) {
        return ProxyConfig.defaults()
                .withListen(new HostPort("127.0.0.1", 0))
                .withBackend(new HostPort("127.0.0.1", backendPort))
                .withTls(tls == null ? null : new ServerTlsConfig(tls.certChain(), tls.privateKey(), false,
                        Duration.ofSeconds(10), "localhost"))
                .withAdmin(new AdminConfig(null))
                .withGuard(new GuardConfig(false, GuardConfig.GuardLimits.defaults(), List.of(), List.of()));
    }

    public static ProxyServer start(int backendPort, TestCa.ServerFiles tls) {
        return ProxyServer.start(transparentConfig(backendPort, tls));
    }

    public static int port(ProxyServer server) {
        InetSocketAddress a = server.address();
        return a.getPort();
    }
}
