package org.pgaw.proxy.tls;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.pgaw.proxy.ProxyServer;
import org.pgaw.proxy.config.BackendTlsConfig;
import org.pgaw.proxy.config.GuardConfig;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.config.ProxyConfig;
import org.pgaw.proxy.config.ServerTlsConfig;

/** The whole proxy on a free loopback port with the given TLS settings and the guards off: only TLS is under test. */
final class TlsProxies {
    private TlsProxies() { }

    static ProxyServer start(ServerTlsConfig tls, BackendTlsConfig backendTls, HostPort backend) {
        return ProxyServer.start(ProxyConfig.defaults().withTls(tls).withBackendTls(backendTls)
                .withListen(new HostPort("127.0.0.1", 0)).withBackend(backend).withAdmin(null)
                .withGuard(new GuardConfig(false, GuardConfig.GuardLimits.defaults(), List.of(), List.of())));
    }

    /** The first column of the first row. */
    static String single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
