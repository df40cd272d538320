package org.pgaw.proxy.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgaw.proxy.config.ConfigException;
import org.pgaw.proxy.config.ConfigLoader;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.config.ProxyConfig;

class ClusterSettingsTest {
    @TempDir
    Path dir;

    @Test
    void standbysAndPeersComeFromTheFileAsListsAndFromTheEnvironmentCommaSeparated() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "x".repeat(40));
        Path file = Files.writeString(dir.resolve("c.yaml"), """
                backend_standbys:
                  hosts: [s1:5432, "s2:5433"]
                  max_lag: 10s
                cluster:
                  peers: [p2:6433]
                  listen: 0.0.0.0:6433
                  secret_file: %s
                """.formatted(secret));
        ProxyConfig c = ConfigLoader.load(file, Map.of(), Map.of()).proxy();
        assertThat(c.backendStandbys().hosts()).containsExactly(new HostPort("s1", 5432), new HostPort("s2", 5433));
        assertThat(c.cluster().peers()).containsExactly(new HostPort("p2", 6433));

        ProxyConfig e = ConfigLoader.load(null, Map.of("PGAW_BACKEND_STANDBYS_HOSTS", "a:1, b:2",
                "PGAW_CLUSTER_PEERS", "p:3", "PGAW_CLUSTER_SECRET_FILE", secret.toString()), Map.of()).proxy();
        assertThat(e.backendStandbys().hosts()).containsExactly(new HostPort("a", 1), new HostPort("b", 2));
        assertThat(e.cluster().peers()).isEqualTo(List.of(new HostPort("p", 3)));
    }

    @Test
    void peersWithoutTheSharedKeyAreRefusedWithTheNameTyped() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PGAW_CLUSTER_PEERS", "p:3"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("PGAW_CLUSTER_PEERS").hasMessageContaining("PGAW_CLUSTER_SECRET_FILE");
        Path shortKey = Files.writeString(dir.resolve("short"), "only-16-bytes-xx\n");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PGAW_CLUSTER_LISTEN", "127.0.0.1:0",
                "PGAW_CLUSTER_SECRET_FILE", shortKey.toString()), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PGAW_CLUSTER_SECRET_FILE")
                .hasMessageContaining("16 bytes, at least 32");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PGAW_BACKEND_STANDBYS_HOSTS", "nohostport"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("host:port");
    }

    @Test
    void defaultsChangeNothing() {
        ProxyConfig d = ProxyConfig.defaults();
        assertThat(d.backendStandbys().enabled()).isFalse();
        assertThat(d.cluster().enabled()).isFalse();
    }
}
