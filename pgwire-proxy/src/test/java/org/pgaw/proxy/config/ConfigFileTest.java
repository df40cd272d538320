package org.pgaw.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgaw.proxy.config.GuardConfig.BudgetMode;
import org.pgaw.proxy.config.GuardConfig.GuardLimits;
import org.pgaw.proxy.config.GuardConfig.GuardPolicy;

/** The YAML file: schema, units, policies, and one clear line for every kind of mistake. */
class ConfigFileTest {
    @TempDir
    Path dir;

    @Test
    void noFileMeansTheDefaults() {
        assertThat(ConfigLoader.load(null, Map.of(), Map.of())).isEqualTo(EffectiveConfig.defaults());
    }

    @Test
    void anEmptyFileMeansTheDefaults() throws IOException {
        assertThat(load("")).isEqualTo(EffectiveConfig.defaults());
        assertThat(load("# only a comment\n")).isEqualTo(EffectiveConfig.defaults());
    }

    @Test
    void everySectionIsRead() throws IOException {
        Path cert = Files.writeString(dir.resolve("fullchain.pem"), "x");
        Path key = Files.writeString(dir.resolve("privkey.pem"), "x");
        EffectiveConfig c = load("""
                listen: 127.0.0.1:7000
                backend: "[::1]:5433"
                tls:
                  cert_chain: %s
                  private_key: %s
                  require: true
                  reload_interval: 1m
                backend_tls: {mode: verify-full, server_name: db.example.org}
                limits:
                  max_connections: 100
                  max_connections_per_ip: 10
                  startup_timeout: 5s
                  max_frontend_message: 1MiB
                  write_buffer_low: 32KiB
                  write_buffer_high: 1MiB
                admin:
                  listen: off
                guard:
                  enabled: false
                  limits:
                    max_rows: 200
                    max_result_bytes: 8MiB
                    budget_mode: error
                    statement_timeout: 750ms
                  exempt_roles: [teacher, "odd,name"]
                log_level: debug
                """.formatted(cert, key));
        ProxyConfig p = c.proxy();
        assertThat(p.listen()).isEqualTo(new HostPort("127.0.0.1", 7000));
        assertThat(p.backend()).isEqualTo(new HostPort("::1", 5433));
        assertThat(p.tls()).isEqualTo(new ServerTlsConfig(cert, key, true, Duration.ofMinutes(1), "localhost"));
        assertThat(p.backendTls()).isEqualTo(new BackendTlsConfig(BackendTlsConfig.Mode.VERIFY_FULL, null, "db.example.org"));
        assertThat(p.limits()).isEqualTo(new LimitsConfig(100, 10, Duration.ofSeconds(5), 1 << 20,
                Duration.ofSeconds(10), Duration.ofSeconds(30), 32 * 1024, 1 << 20));
        assertThat(p.admin().listen()).isNull();
        assertThat(p.guard().enabled()).isFalse();
        assertThat(p.guard().limits()).isEqualTo(new GuardLimits(200, 8L << 20, BudgetMode.ERROR, Duration.ofMillis(750),
                Duration.ofMinutes(5), Duration.ZERO, 10_000, Duration.ofMinutes(10)));
        assertThat(p.guard().exemptRoles()).containsExactly("teacher", "odd,name");
        assertThat(c.logLevel()).isEqualTo("debug");
    }

    @Test
    void policiesKeepTheirOrderAndLeaveUnsetLimitsNull() throws IOException {
        EffectiveConfig c = load("""
                guard:
                  policies:
                    - role: "student_*"
                      database: adventureworks
                      limits: {max_rows: 50, statement_timeout: 5s}
                    - application: "pgAdmin 4 - DB:*"
                      limits:
                        max_rows: 0
                    - role: teacher
                """);
        assertThat(c.proxy().guard().policies()).containsExactly(
                new GuardPolicy("student_*", "adventureworks", null,
                        new GuardLimits(50, null, null, Duration.ofSeconds(5), null, null)),
                new GuardPolicy(null, null, "pgAdmin 4 - DB:*", new GuardLimits(0, null, null, null, null, null)),
                new GuardPolicy("teacher", null, null, new GuardLimits(null, null, null, null, null, null)));
    }

    @Test
    void unknownKeysAreRefusedWithTheirPathAndAGuess() {
        assertThatThrownBy(() -> load("limits:\n  max_conections: 3\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'limits.max_conections'")
                .hasMessageContaining("did you mean 'limits.max_connections'");
        assertThatThrownBy(() -> load("guard:\n  limits:\n    max_rowz: 3\n"))
                .hasMessageContaining("unknown key 'guard.limits.max_rowz'");
        assertThatThrownBy(() -> load("frobnicate: yes\n"))
                .hasMessageContaining("unknown key 'frobnicate'")
                .hasMessageNotContaining("did you mean");
        assertThatThrownBy(() -> load("guard:\n  policies:\n    - role: x\n      limts: {}\n"))
                .hasMessageContaining("guard.policies[0].limts: unknown key 'limts' (did you mean 'limits'?)");
        assertThatThrownBy(() -> load("guard:\n  policies:\n    - limits: {enabled: true}\n"))
                .hasMessageContaining("guard.policies[0].limits.enabled: unknown key");
    }

    @Test
    void badValuesNameTheFileAndKey() {
        assertThatThrownBy(() -> load("limits:\n  max_connections: many\n"))
                .hasMessage("config file " + dir.resolve("c.yaml") + ", key limits.max_connections: 'many' is not a whole number");
        assertThatThrownBy(() -> load("limits:\n  startup_timeout: 15\n")).hasMessageContaining("'15' is not a duration");
        assertThatThrownBy(() -> load("backend_tls:\n  mode: sometimes\n"))
                .hasMessageContaining("'sometimes' is not one of disable, require, verify-full");
        assertThatThrownBy(() -> load("listen: 0.0.0.0\n")).hasMessageContaining("expected host:port");
        assertThatThrownBy(() -> load("listen: 0.0.0.0:99999\n")).hasMessageContaining("port 99999 is not in 0..65535");
        assertThatThrownBy(() -> load("listen: [a, b]\n")).hasMessageContaining("key listen: takes a single value, not a list");
        assertThatThrownBy(() -> load("listen: {host: a}\n")).hasMessageContaining("not a mapping");
        assertThatThrownBy(() -> load("limits: 5\n")).hasMessageContaining("key limits: is a section");
        assertThatThrownBy(() -> load("tls:\n  require: maybe\n")).hasMessageContaining("'maybe' is not true or false");
        assertThatThrownBy(() -> load("guard:\n  policies: {role: x}\n")).hasMessageContaining("must be a list of policies");
        assertThatThrownBy(() -> load("limits:\n  max_frontend_message: 4GiB\n")).hasMessageContaining("larger than 2GiB-1");
    }

    @Test
    void brokenYamlGivesLineAndColumn() {
        assertThatThrownBy(() -> load("listen: \"unterminated\nbackend: x\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config file " + dir.resolve("c.yaml") + ", line ")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> load("listen: a:1\nlisten: b:2\n")).hasMessageContaining("Duplicate field 'listen'");
        assertThatThrownBy(() -> load("- a\n- b\n")).hasMessageContaining("must hold a mapping of keys");
    }

    @Test
    void missingOrHugeFilesAreRefused() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml"), Map.of(), Map.of()))
                .hasMessage("config file " + dir.resolve("nope.yaml") + " does not exist");
        assertThatThrownBy(() -> ConfigLoader.load(dir, Map.of(), Map.of())).hasMessageContaining("is not a regular file");
        Path big = Files.writeString(dir.resolve("big.yaml"), "#" + "x".repeat((int) YamlFile.MAX_BYTES) + "\n");
        assertThatThrownBy(() -> ConfigLoader.load(big, Map.of(), Map.of())).hasMessageContaining("larger than 1MiB");
    }

    /** Each message names the key in the file (the value's source) and, for a relation, the other value too. */
    @Test
    void crossChecksCatchInconsistentValues() throws IOException {
        String f = "config file " + dir.resolve("c.yaml") + ", key ";
        assertThatThrownBy(() -> load("limits:\n  write_buffer_low: 1MiB\n"))
                .hasMessage("limits.write_buffer_low: 1MiB in config file " + dir.resolve("c.yaml")
                        + " must be below the default limits.write_buffer_high 64KiB");
        assertThatThrownBy(() -> load("limits:\n  max_connections: 10\n"))
                .hasMessage("limits.max_connections: 10 in config file " + dir.resolve("c.yaml")
                        + " is below the default limits.max_connections_per_ip 50; lower limits.max_connections_per_ip too");
        assertThatThrownBy(() -> load("limits:\n  max_connections: 10\n  max_connections_per_ip: 11\n"))
                .hasMessage(f + "limits.max_connections_per_ip: must be between 1 and 10, got 11");
        assertThatThrownBy(() -> load("limits:\n  max_connections: 0\n"))
                .hasMessage(f + "limits.max_connections: must be between 1 and 100000, got 0");
        assertThatThrownBy(() -> load("limits:\n  startup_timeout: 0\n")).hasMessage(f + "limits.startup_timeout: must be more than 0");
        assertThatThrownBy(() -> load("limits:\n  max_frontend_message: 100\n")).hasMessageContaining("between 1KiB and 1GiB");
        assertThatThrownBy(() -> load("guard:\n  limits:\n    max_rows: -1\n"))
                .hasMessageStartingWith(f + "guard.limits.max_rows: must be 0");
        assertThatThrownBy(() -> load("guard:\n  policies:\n    - limits: {max_rows: -5}\n"))
                .hasMessageStartingWith(f + "guard.policies[0].limits.max_rows: must be 0");
        assertThatThrownBy(() -> load("backend: 127.0.0.1:0\n")).hasMessage(f + "backend: port 0 is not a PostgreSQL server's port");
        assertThatThrownBy(() -> load("listen: 0.0.0.0:9187\n"))
                .hasMessageStartingWith("the default admin.listen 127.0.0.1:9187 and listen: 0.0.0.0:9187 in config file")
                .hasMessageContaining("use the same port");
        assertThatThrownBy(() -> load("tls:\n  reload_interval: 10ms\n")).hasMessageContaining("at least 1s");
    }

    @Test
    void tlsFilesMustExistAndComeInPairs() throws IOException {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "x");
        assertThatThrownBy(() -> load("tls:\n  cert_chain: " + cert + "\n"))
                .hasMessageStartingWith("config file " + dir.resolve("c.yaml") + ", key tls.cert_chain: needs tls.private_key as well");
        assertThatThrownBy(() -> load("tls:\n  cert_chain: " + cert + "\n  private_key: " + dir.resolve("missing.pem") + "\n"))
                .hasMessage("config file " + dir.resolve("c.yaml") + ", key tls.private_key: file " + dir.resolve("missing.pem")
                        + " does not exist");
        assertThatThrownBy(() -> load("backend_tls:\n  ca_file: " + dir + "\n")).hasMessageContaining("is not a regular file");
    }

    @Test
    void offMeansOffWhereverOffIsAValue() throws IOException {
        assertThat(load("admin:\n  listen: off\n").proxy().admin().listen()).isNull();
        assertThat(load("admin:\n  listen: \"off\"\n").proxy().admin().listen()).isNull();
        assertThat(load("admin:\n  listen:\n").proxy().admin().listen()).isNull();
        assertThat(load("log_level: off\n").logLevel()).isEqualTo("off");
        assertThat(load("tls:\n  require: off\n").proxy().tls().require()).isFalse();
        assertThatThrownBy(() -> load("listen: off\n")).hasMessageContaining("expected host:port, got 'false'");
    }

    @Test
    void aFileFromTheEnvironmentIsReadWhenNoFlagNamesOne() throws IOException {
        Path f = Files.writeString(dir.resolve("env.yaml"), "limits:\n  max_connections: 77\n");
        Path other = Files.writeString(dir.resolve("flag.yaml"), "limits:\n  max_connections: 88\n");
        assertThat(ConfigLoader.load(null, Map.of("PGAW_CONFIG", f.toString()), Map.of()).proxy().limits().maxConnections())
                .isEqualTo(77);
        assertThat(ConfigLoader.load(other, Map.of("PGAW_CONFIG", f.toString()), Map.of()).proxy().limits().maxConnections())
                .isEqualTo(88);
    }

    @Test
    void theExampleFileInTheRepositoryHasEveryKeyAtItsDefault() {
        Path example = Path.of(System.getProperty("pgaw.repo.dir", ".."), "pgwire-proxy", "pgwire-proxy.example.yaml");
        assertThat(example).exists();
        assertThat(ConfigLoader.load(example, Map.of(), Map.of())).isEqualTo(EffectiveConfig.defaults());
        JsonNode tree = YamlFile.read(example);
        List<String> keys = new ArrayList<>();
        for (Setting s : Settings.all()) keys.add(s.key());
        keys.add(Settings.POLICIES_KEY);
        for (String key : keys) {
            assertThat(tree.at("/" + key.replace('.', '/')).isMissingNode()).as("example file has %s", key).isFalse();
        }
    }

    private EffectiveConfig load(String yaml) throws IOException {
        Path f = Files.writeString(dir.resolve("c.yaml"), yaml);
        return ConfigLoader.load(f, Map.of(), Map.of());
    }
}
