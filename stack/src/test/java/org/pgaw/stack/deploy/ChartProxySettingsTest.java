package org.pgaw.stack.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgaw.proxy.config.ConfigLoader;
import org.pgaw.proxy.config.Setting;
import org.pgaw.proxy.config.Settings;
import org.pgaw.stack.e2e.Tools;
import org.pgaw.stack.support.NeedsPrograms;
import org.pgaw.stack.support.Program;

/**
 * The proxy accepts what the chart gives it. An unknown PGAW_* variable is only a warning in the proxy's log (other
 * tools share the prefix), so a misspelt or renamed setting in the chart would silently do nothing: here every
 * PGAW_* variable of the rendered proxy container must be a setting of this proxy, and the proxy's own loader and
 * validator must accept the rendered config file plus those variables (files they name are stand-ins).
 */
@NeedsPrograms(Program.CHARTCHECK)
class ChartProxySettingsTest {
    private static final Path CHART = Tools.repo().resolve("deploy/helm/pgaw");

    @Test
    void everyVariantsProxyConfigurationIsOneTheProxyAccepts(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("rendered");
        Chartcheck.run(CHART, List.of("-ci", "-out", out.toString())).assertSuccess("chartcheck -ci");
        Set<String> known = Settings.all().stream().map(Setting::envName).collect(Collectors.toCollection(TreeSet::new));
        known.add(ConfigLoader.CONFIG_ENV);
        List<Path> variants;
        try (var s = Files.list(out)) {
            variants = s.sorted().toList();
        }
        assertThat(variants).hasSizeGreaterThanOrEqualTo(3);
        for (Path variant : variants) {
            List<JsonNode> docs = documents(variant);
            JsonNode container = proxyContainer(docs, variant);
            Path root = Files.createDirectories(dir.resolve("fs-" + variant.getFileName()));
            Map<String, String> env = new HashMap<>();
            for (JsonNode e : container.path("env")) {
                String name = e.path("name").asText();
                String value = e.path("value").asText();
                if (!name.startsWith(Setting.ENV_PREFIX)) continue;
                assertThat(known).as(variant.getFileName() + ": " + name + " is a proxy setting").contains(name);
                env.put(name, value.startsWith("/") ? standIn(root, value) : value);
            }
            assertThat(env).containsKeys("PGAW_BACKEND", "PGAW_LISTEN", "PGAW_ADMIN_LISTEN", "PGAW_TLS_CERT_CHAIN");
            String configText = configFile(docs, variant);
            Path config = Files.writeString(root.resolve("pgwire-proxy.yaml"), configText);
            assertThatCode(() -> ConfigLoader.load(config, env, Map.of()))
                    .as(variant.getFileName() + ": the proxy's loader accepts the chart's config").doesNotThrowAnyException();
        }
    }

    /** A file of 48 bytes where the rendered value names one (a key or password file, a certificate). */
    private static String standIn(Path root, String absolute) throws IOException {
        Path p = root.resolve(absolute.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, "x".repeat(48));
        return p.toString();
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var it = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                JsonNode d = (JsonNode) it.next();
                if (d != null && !d.isNull() && !d.isMissingNode()) docs.add(d);
            }
        }
        return docs;
    }

    private static JsonNode proxyContainer(List<JsonNode> docs, Path variant) {
        for (JsonNode d : docs) {
            if (d.path("kind").asText().equals("Deployment")
                    && d.path("metadata").path("labels").path("app.kubernetes.io/component").asText().equals("proxy")) {
                for (JsonNode c : d.path("spec").path("template").path("spec").path("containers")) {
                    if (c.path("name").asText().equals("proxy")) return c;
                }
            }
        }
        throw new AssertionError(variant + " renders no proxy Deployment with a container named proxy");
    }

    private static String configFile(List<JsonNode> docs, Path variant) {
        for (JsonNode d : docs) {
            if (d.path("kind").asText().equals("ConfigMap") && d.path("data").has("pgwire-proxy.yaml")) {
                return d.path("data").path("pgwire-proxy.yaml").asText();
            }
        }
        throw new AssertionError(variant + " renders no ConfigMap with pgwire-proxy.yaml");
    }
}
