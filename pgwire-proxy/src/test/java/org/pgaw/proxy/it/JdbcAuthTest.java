package org.pgaw.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgaw.proxy.it.support.ItEnv;
import org.pgaw.proxy.it.support.ItExtension;
import org.pgaw.proxy.testing.PasswordRoles;

/**
 * Password authentication passes through: SCRAM-SHA-256 and md5, with and without TLS to the target. With TLS the
 * client must not be offered SCRAM-SHA-256-PLUS by a TLS-terminating proxy (its channel binding would bind to the
 * proxy's certificate and fail), which pgjdbc's default {@code channelBinding=prefer} would otherwise use.
 */
@ExtendWith(ItExtension.class)
class JdbcAuthTest {
    private static final String INVALID_PASSWORD = "28P01";

    @ParameterizedTest
    @ValueSource(strings = {"disable", "require"})
    void scramUserLogsInWithTheRightPasswordOnly(String sslmode, ItEnv env) throws SQLException {
        String pw = PasswordRoles.scramPassword();
        assertLogsIn(env, PasswordRoles.SCRAM_USER, pw, sslmode);
        assertRejected(env, PasswordRoles.SCRAM_USER, pw + "x", sslmode);
    }

    @ParameterizedTest
    @ValueSource(strings = {"disable", "require"})
    void md5UserLogsInWithTheRightPasswordOnly(String sslmode, ItEnv env) throws SQLException {
        String pw = PasswordRoles.md5Password();
        assertLogsIn(env, PasswordRoles.MD5_USER, pw, sslmode);
        assertRejected(env, PasswordRoles.MD5_USER, "wrong", sslmode);
    }

    private static void assertLogsIn(ItEnv env, String user, String pw, String sslmode) throws SQLException {
        try (Connection c = env.connect(user, pw, Map.of("sslmode", sslmode)); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_user")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(user);
        }
    }

    private static void assertRejected(ItEnv env, String user, String pw, String sslmode) {
        assertThatThrownBy(() -> env.connect(user, pw, Map.of("sslmode", sslmode)).close())
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(INVALID_PASSWORD))
                .hasMessageContaining("password authentication failed");
    }
}
