package org.pgaw.proxy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * The two roles of {@link TestPostgres} that must log in with a password: {@code it_scram} (scram-sha-256) and
 * {@code it_md5} (md5 hash stored, md5 in pg_hba). Every other role logs in by trust. The passwords are random per
 * test JVM, so nothing secret is committed.
 */
public final class PasswordRoles {
    public static final String SCRAM_USER = "it_scram";
    public static final String MD5_USER = "it_md5";

    private static final String SCRAM_PASSWORD = randomPassword();
    private static final String MD5_PASSWORD = randomPassword();

    private PasswordRoles() { }

    public static String scramPassword() { return SCRAM_PASSWORD; }

    public static String md5Password() { return MD5_PASSWORD; }

    /** Auth per role, on both loopback families because zonky listens on "localhost". */
    static void writeHba(Path dataDir) {
        StringBuilder hba = new StringBuilder("local all all trust\n");
        for (String net : new String[] {"127.0.0.1/32", "::1/128"}) {
            hba.append("host all ").append(SCRAM_USER).append(' ').append(net).append(" scram-sha-256\n");
            hba.append("host all ").append(MD5_USER).append(' ').append(net).append(" md5\n");
            hba.append("host all all ").append(net).append(" trust\n");
        }
        try {
            Files.writeString(dataDir.resolve("pg_hba.conf"), hba.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates both roles; they may cancel their own backends, as pgAdmin's Stop button does. */
    static void create(Statement superuser) throws SQLException {
        superuser.execute("SET password_encryption = 'scram-sha-256'");
        superuser.execute("CREATE ROLE " + SCRAM_USER + " LOGIN PASSWORD '" + SCRAM_PASSWORD + "'");
        superuser.execute("SET password_encryption = 'md5'");
        superuser.execute("CREATE ROLE " + MD5_USER + " LOGIN PASSWORD '" + MD5_PASSWORD + "'");
        superuser.execute("GRANT pg_signal_backend TO " + SCRAM_USER + ", " + MD5_USER);
    }

    private static String randomPassword() {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        return "pw" + HexFormat.of().formatHex(b);
    }
}
