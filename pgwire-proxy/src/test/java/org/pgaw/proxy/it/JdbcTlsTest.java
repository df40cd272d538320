package org.pgaw.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgaw.proxy.it.support.ItEnv;
import org.pgaw.proxy.it.support.ItExtension;

/** pgjdbc with {@code sslmode=verify-full}: the target's certificate chains to the test CA and names the host. */
@ExtendWith(ItExtension.class)
class JdbcTlsTest {

    @Test
    void verifyFullSucceedsAgainstTheTestCaForNameAndAddress(ItEnv env) throws SQLException {
        for (String host : new String[] {"localhost", "127.0.0.1"}) {
            String url = "jdbc:postgresql://" + host + ":" + env.port() + "/postgres";
            try (Connection c = java.sql.DriverManager.getConnection(url, props(env.caFile().toString()));
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 'tls ok'")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("tls ok");
            }
        }
    }

    @Test
    void verifyFullFailsAgainstAnotherCa(ItEnv env) {
        String url = "jdbc:postgresql://127.0.0.1:" + env.port() + "/postgres";
        assertThatThrownBy(() -> java.sql.DriverManager.getConnection(url, props(env.otherCaFile().toString())).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("SSL");
    }

    @Test
    void verifyFullWithSslnegotiationPostgresIsTheUsualPath(ItEnv env) throws SQLException {
        // Several sessions in a row: each one does its own handshake against the same context.
        for (int i = 0; i < 5; i++) {
            try (Connection c = env.connect(ItEnv.SUPERUSER, null,
                    Map.of("sslmode", "verify-full", "sslrootcert", env.caFile().toString()));
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + i)) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(i);
            }
        }
    }

    private static java.util.Properties props(String rootCert) {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", ItEnv.SUPERUSER);
        p.setProperty("sslmode", "verify-full");
        p.setProperty("sslrootcert", rootCert);
        p.setProperty("connectTimeout", "10");
        p.setProperty("gssEncMode", "disable");
        return p;
    }
}
