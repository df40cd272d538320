package org.pgaw.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A value that does not work is reported with what the person typed: the flag, the variable or the file's key,
 * never an internal name they did not use (issue 12: "--tls-cert-chain x" must not come back as tls.cert_chain).
 */
class ConfigSourcesTest {
    @TempDir
    Path dir;

    @Test
    void aMissingFileIsReportedWithTheFlagTheVariableOrTheKeyItCameFrom() throws IOException {
        Path missing = dir.resolve("missing.pem");
        Path key = Files.writeString(dir.resolve("key.pem"), "x");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(),
                Map.of("tls.cert_chain", missing.toString(), "tls.private_key", key.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessage("option --tls-cert-chain: file " + missing + " does not exist");
        assertThatThrownBy(() -> ConfigLoader.load(null,
                Map.of("PGAW_TLS_CERT_CHAIN", missing.toString(), "PGAW_TLS_PRIVATE_KEY", key.toString()), Map.of()))
                .hasMessage("environment variable PGAW_TLS_CERT_CHAIN: file " + missing + " does not exist");
        Path yaml = Files.writeString(dir.resolve("c.yaml"), "backend_tls:\n  ca_file: " + missing + "\n");
        assertThatThrownBy(() -> ConfigLoader.load(yaml, Map.of(), Map.of()))
                .hasMessage("config file " + yaml + ", key backend_tls.ca_file: file " + missing + " does not exist");
    }

    @Test
    void aMissingConfigFileNamedByTheEnvironmentSaysSo() {
        Path missing = dir.resolve("gone.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PGAW_CONFIG", missing.toString()), Map.of()))
                .hasMessage("config file " + missing + " does not exist (named by environment variable PGAW_CONFIG)");
        assertThatThrownBy(() -> ConfigLoader.load(missing, Map.of(), Map.of()))
                .hasMessage("config file " + missing + " does not exist");
    }

    @Test
    void aRelativePathIsShownWithWhereItWasLookedFor() {
        Path absolute = Path.of("no-such-ca.pem").toAbsolutePath().normalize();
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("backend_tls.ca_file", "no-such-ca.pem")))
                .hasMessage("option --backend-tls-ca-file: file no-such-ca.pem (" + absolute + ") does not exist");
    }

    @Test
    void aLoneHalfOfTheCertificatePairNamesTheOtherHalfTheSameWay() throws IOException {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "x");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("tls.cert_chain", cert.toString())))
                .hasMessageStartingWith("option --tls-cert-chain: needs --tls-private-key as well");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PGAW_TLS_PRIVATE_KEY", cert.toString()), Map.of()))
                .hasMessageStartingWith("environment variable PGAW_TLS_PRIVATE_KEY: needs PGAW_TLS_CERT_CHAIN as well");
    }

    @Test
    void relationsNameBothValuesAsTyped() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PGAW_LIMITS_WRITE_BUFFER_LOW", "1MiB"),
                Map.of("limits.write_buffer_high", "512KiB")))
                .hasMessage("PGAW_LIMITS_WRITE_BUFFER_LOW=1MiB must be below --limits-write-buffer-high 512KiB");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("limits.max_connections", "10")))
                .hasMessage("--limits-max-connections 10 is below the default limits.max_connections_per_ip 50;"
                        + " lower --limits-max-connections-per-ip too");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("admin.listen", "127.0.0.1:6432")))
                .hasMessage("--admin-listen 127.0.0.1:6432 and the default listen 0.0.0.0:6432 use the same port;"
                        + " give one of them another port");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PGAW_LIMITS_STARTUP_TIMEOUT", "0s"), Map.of()))
                .hasMessage("environment variable PGAW_LIMITS_STARTUP_TIMEOUT: must be more than 0");
    }

    @Test
    void theSourcesOfALoadedConfigurationAreTheLastLayerThatGaveEachValue() throws IOException {
        Path yaml = Files.writeString(dir.resolve("c.yaml"), "listen: 127.0.0.1:7000\nbackend: db:5432\n");
        Sources s = ConfigLoader.loadWithSources(yaml, Map.of("PGAW_BACKEND", "db2:5432"), Map.of("log_level", "warn")).sources();
        assertThat(s.describe("listen")).isEqualTo("config file " + yaml + ", key listen");
        assertThat(s.describe("backend")).isEqualTo("environment variable PGAW_BACKEND");
        assertThat(s.describe("log_level")).isEqualTo("option --log-level");
        assertThat(s.describe("guard.enabled")).isEqualTo("guard.enabled (default)");
        assertThat(s.of("listen").howToSet("127.0.0.1:7001")).isEqualTo("'listen: 127.0.0.1:7001' in " + yaml);
        assertThat(s.of("backend").howToSet("db3:5432")).isEqualTo("PGAW_BACKEND=db3:5432");
        assertThat(s.of("guard.enabled").howToSet("false")).isEqualTo("--guard-enabled false");
    }
}
