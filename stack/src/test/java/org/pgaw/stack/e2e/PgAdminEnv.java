package org.pgaw.stack.e2e;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment that makes a local pgAdmin behave like one of compose.yaml's containers: the repository's
 * stack/pgadmin/config_system.py (loaded through pgAdmin's CONFIG_DISTRO_FILE_PATH instead of being mounted
 * at /etc/pgadmin), secrets as files, and the addresses of the settings database and the SQL endpoint.
 */
public record PgAdminEnv(Path secretsDir, int settingsDbPort, String sqlHost, int sqlPort, String sqlSslMode,
                         String adminEmail) {

    public Map<String, String> forProcess(Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("CONFIG_DISTRO_FILE_PATH", Tools.repo().resolve("stack/pgadmin/config_system.py").toString());
        env.put("PGAW_SECRETS_DIR", secretsDir.toString());
        env.put("PGAW_SETTINGS_DB_HOST", "127.0.0.1");
        env.put("PGAW_SETTINGS_DB_PORT", Integer.toString(settingsDbPort));
        env.put("PGAW_PGADMIN_DATA_DIR", dataDir.toString());
        env.put("PGAW_PGADMIN_HOME", Tools.pgadminHome().toString());
        env.put("PGAW_SQL_HOST", sqlHost);
        env.put("PGAW_SQL_PORT", Integer.toString(sqlPort));
        env.put("PGAW_SQL_SSLMODE", sqlSslMode);
        env.put("PGAW_ADMIN_EMAIL", adminEmail);
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        return env;
    }
}
