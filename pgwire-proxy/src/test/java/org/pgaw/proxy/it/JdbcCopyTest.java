package org.pgaw.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgaw.proxy.it.support.ItEnv;
import org.pgaw.proxy.it.support.ItExtension;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** COPY both ways with pgjdbc's CopyManager, a broken COPY, and a byte-for-byte comparison with direct PostgreSQL. */
@ExtendWith(ItExtension.class)
class JdbcCopyTest {
    private static final String COPY_OUT =
            "COPY (SELECT g, md5(g::text), now()::date - g FROM generate_series(1, 50000) g) TO STDOUT";

    @Test
    void copyInThenCopyOutRoundTrips(ItEnv env) throws Exception {
        StringBuilder data = new StringBuilder();
        for (int i = 1; i <= 100_000; i++) data.append(i).append('\t').append("line ").append(i).append('\n');
        try (Connection c = env.connect(Map.of()); Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE copy_t (id int, v text)");
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            long in = copy.copyIn("COPY copy_t FROM STDIN", new StringReader(data.toString()));
            assertThat(in).isEqualTo(100_000);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long outRows = copy.copyOut("COPY (SELECT * FROM copy_t ORDER BY id) TO STDOUT", out);
            assertThat(outRows).isEqualTo(100_000);
            assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(data.toString());
        }
    }

    @Test
    void aBadRowFailsTheCopyAndTheSessionStaysUsable(ItEnv env) throws Exception {
        try (Connection c = env.connect(Map.of()); Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE copy_bad (id int)");
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            assertThatThrownBy(() -> copy.copyIn("COPY copy_bad FROM STDIN", new StringReader("1\n2\nnot-a-number\n4\n")))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22P02"));
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM copy_bad")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    /** The differential check: the same COPY through the target and straight from PostgreSQL, byte for byte. */
    @Test
    void copyOutIsByteIdenticalToDirect(ItEnv env) throws Exception {
        byte[] viaTarget;
        try (Connection c = env.connect(Map.of())) {
            viaTarget = copyOut(c);
        }
        byte[] direct;
        try (Connection c = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + env.directPort() + "/postgres?user=postgres&sslmode=disable")) {
            direct = copyOut(c);
        }
        assertThat(viaTarget.length).isGreaterThan(1_000_000);
        assertThat(viaTarget).isEqualTo(direct);
    }

    private static byte[] copyOut(Connection c) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        c.unwrap(PGConnection.class).getCopyAPI().copyOut(COPY_OUT, out);
        return out.toByteArray();
    }
}
