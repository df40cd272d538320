package org.pgaw.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --print-config writes a file that loads back to exactly the same configuration. */
class ConfigPrinterTest {
    @TempDir
    Path dir;

    @Test
    void defaultsRoundTrip() throws IOException {
        assertRoundTrip(EffectiveConfig.defaults());
    }

    @Test
    void everythingSetRoundTrips() throws IOException {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "x");
        Path key = Files.writeString(dir.resolve("key.pem"), "x");
        Path source = Files.writeString(dir.resolve("source.yaml"), """
                listen: "[::]:6433"
                tls: {cert_chain: %s, private_key: %s, require: true, reload_interval: 90s}
                backend_tls: {mode: require, server_name: "true"}
                limits: {shutdown_grace: 1500ms, max_frontend_message: 1000000}
                admin: {listen: off}
                guard:
                  exempt_roles: [teacher, "yes", "a,b"]
                  policies:
                    - role: "student_*"
                      limits: {max_rows: 10, budget_mode: error, idle_session_timeout: 2h}
                    - application: "pgAdmin 4 - DB:*"
                log_level: "off"
                """.formatted(cert, key));
        EffectiveConfig loaded = ConfigLoader.load(source, Map.of(), Map.of());
        assertThat(loaded.proxy().backendTls().serverName()).isEqualTo("true");
        assertRoundTrip(loaded);
    }

    @Test
    void printedValuesAreInOperatorUnits() {
        String yaml = ConfigPrinter.toYaml(EffectiveConfig.defaults());
        assertThat(yaml).contains("max_frontend_message: 64MiB", "statement_timeout: 30s",
                "idle_in_transaction_timeout: 5m", "listen: 127.0.0.1:9187", "budget_mode: truncate");
        // Key names may say password_file or secret_file (paths); no printed VALUE may hold such a word.
        String values = yaml.replaceAll("(?m)^#.*$", "").replaceAll("(?m)^\\s*[a-z_]+:", "").toLowerCase(java.util.Locale.ROOT);
        assertThat(values).doesNotContain("password", "secret");
    }

    private void assertRoundTrip(EffectiveConfig config) throws IOException {
        Path printed = Files.writeString(dir.resolve("printed.yaml"), ConfigPrinter.toYaml(config));
        assertThat(ConfigLoader.load(printed, Map.of(), Map.of())).isEqualTo(config);
    }
}
