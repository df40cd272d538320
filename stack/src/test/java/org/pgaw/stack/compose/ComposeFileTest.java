package org.pgaw.stack.compose;

import org.pgaw.stack.support.Program;
import org.pgaw.stack.support.NeedsPrograms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.pgaw.stack.support.ChildProcess;
import org.pgaw.stack.e2e.Tools;

/**
 * stack/compose.yaml as `docker compose config` sees it: validated and resolved by compose-go (the library
 * behind that command, built from stack/tools/composecheck), then checked for the invariants the class
 * server depends on.
 */
@NeedsPrograms(Program.COMPOSECHECK)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComposeFileTest {
    private static final List<String> REPLICAS = List.of("pgadmin1", "pgadmin2", "pgadmin3");
    private JsonNode services;
    private JsonNode project;

    @BeforeAll
    void resolve() throws Exception {
        project = new ObjectMapper().readTree(resolve(Tools.repo().resolve("stack/compose.yaml")));
        services = project.path("services");
    }

    private static String resolve(Path file) {
        return resolve(file, Map.of());
    }

    private static String resolve(Path file, Map<String, String> variables) {
        Map<String, String> env = new java.util.HashMap<>(variables);
        env.put("PGAW_ADMIN_EMAIL", "teacher@class.example");
        return ChildProcess.run("composecheck", List.of(Tools.composecheck().toString(), "-f", file.toString()),
                env, file.getParent(), null, Duration.ofSeconds(60));
    }

    /** What ComposeStackDockerTest and an operator behind another proxy set: other host ports, secrets elsewhere. */
    @Test
    void hostPortsAndTheSecretsFolderCanBeMovedByVariables() throws Exception {
        JsonNode moved = new ObjectMapper().readTree(resolve(Tools.repo().resolve("stack/compose.yaml"), Map.of(
                "PGAW_HTTP_PORT", "127.0.0.1:8080", "PGAW_HTTPS_PORT", "127.0.0.1:8443",
                "PGAW_PSQL_PORT", "15432", "PGAW_SECRETS_DIR", "/srv/pgaw-secrets")));
        JsonNode nginxPorts = moved.path("services").path("nginx").path("ports");
        assertThat(nginxPorts.findValuesAsText("published")).containsExactlyInAnyOrder("8080", "8443");
        assertThat(nginxPorts.findValuesAsText("host_ip")).containsOnly("127.0.0.1");
        assertThat(moved.path("services").path("proxy").path("ports").findValuesAsText("published"))
                .containsExactly("15432");
        moved.path("secrets").fields().forEachRemaining(e -> assertThat(e.getValue().path("file").asText())
                .as(e.getKey()).isEqualTo("/srv/pgaw-secrets/" + e.getKey()));
    }

    @Test
    void theValidatorRejectsWhatComposeRejects() throws Exception {
        Path dir = Files.createTempDirectory("pgaw-compose");
        Path bad = dir.resolve("compose.yaml");
        Files.writeString(bad, Files.readString(Tools.repo().resolve("stack/compose.yaml"))
                .replace("    mem_limit: 256m\n", "    mem_limitt: 256m\n"));
        assertThatThrownBy(() -> resolve(bad)).hasMessageContaining("mem_limitt");
    }

    @Test
    void threePinnedPgAdminReplicasWithOneWorkerEach() {
        Set<String> images = new HashSet<>();
        for (String r : REPLICAS) {
            JsonNode s = services.path(r);
            assertThat(s.isMissingNode()).as(r).isFalse();
            images.add(s.path("image").asText());
            List<String> entry = strings(s.path("entrypoint"));
            assertThat(String.join(" ", entry)).as(r + " entrypoint").contains("--workers 1").contains("gunicorn");
            assertThat(volumeTargets(s)).as(r).contains("/etc/pgadmin/config_system.py");
            assertThat(s.path("depends_on").path("pgadmin-setup").path("condition").asText())
                    .as(r + " waits for the single initialiser").isEqualTo("service_completed_successfully");
            assertThat(s.path("healthcheck").path("test").toString()).as(r).contains("/misc/ping");
        }
        assertThat(images).hasSize(1);
        assertThat(images.iterator().next()).matches("dpage/pgadmin4:\\d+\\.\\d+");
    }

    @Test
    void everyLongRunningServiceHasLimitsAHealthCheckAndARestartPolicy() {
        services.fields().forEachRemaining(e -> {
            String name = e.getKey();
            JsonNode s = e.getValue();
            long mem = s.path("mem_limit").asLong();
            assertThat(mem).as(name + " mem_limit").isPositive();
            assertThat(s.path("memswap_limit").asLong()).as(name + ": no swap beyond the limit").isEqualTo(mem);
            assertThat(s.path("cpus").asDouble()).as(name + " cpus").isPositive();
            if (!s.has("build")) { // built here from the checkout; pulled images carry a version
                assertThat(s.path("image").asText()).as(name + " image pinned").matches(".+:[^:]*\\d[^:]*");
            }
            if (name.equals("pgadmin-setup") || name.equals("certs-init")) { // one-shot jobs
                assertThat(s.path("restart").asText()).isEqualTo("no");
            } else {
                assertThat(s.path("restart").asText()).as(name).isIn("unless-stopped", "always");
                if (!name.equals("certbot")) {
                    assertThat(s.path("healthcheck").path("test").isArray()).as(name + " health check").isTrue();
                }
            }
        });
    }

    /**
     * stack/up.sh runs `compose up --wait`, which counts an exited container as a failure unless a long-running
     * service depends on it with service_completed_successfully (docker/compose#9572): every one-shot job must be
     * adopted that way.
     */
    @Test
    void everyOneShotJobIsAdoptedSoThatUpWaitSucceeds() {
        List<String> oneShots = new ArrayList<>();
        services.fields().forEachRemaining(e -> {
            if (e.getValue().path("restart").asText().equals("no")) oneShots.add(e.getKey());
        });
        assertThat(oneShots).containsExactlyInAnyOrder("pgadmin-setup", "certs-init");
        for (String job : oneShots) {
            List<String> adopters = new ArrayList<>();
            services.fields().forEachRemaining(e -> {
                boolean longRunning = !e.getValue().path("restart").asText().equals("no");
                String condition = e.getValue().path("depends_on").path(job).path("condition").asText();
                if (longRunning && condition.equals("service_completed_successfully")) adopters.add(e.getKey());
            });
            assertThat(adopters).as(job + " adopted by a long-running service").isNotEmpty();
        }
    }

    @Test
    void onlyNginxAndTheProxyPublishPorts() {
        Map<String, Set<String>> published = new java.util.TreeMap<>();
        services.fields().forEachRemaining(e -> e.getValue().path("ports").forEach(p ->
                published.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(p.path("published").asText())));
        assertThat(published).isEqualTo(Map.of("nginx", Set.of("80", "443"), "proxy", Set.of("5432")));
    }

    @Test
    void networksKeepPgAdminAwayFromTheDatabaseAndTheSettingsDbPrivate() {
        for (String n : List.of("web", "settings", "sql", "db")) {
            assertThat(project.path("networks").path(n).path("internal").asBoolean()).as(n + " internal").isTrue();
        }
        assertThat(members("db")).containsExactlyInAnyOrder("proxy", "adventureworks");
        assertThat(members("settings")).containsExactlyInAnyOrder("settings-db", "pgadmin-setup", "pgadmin1",
                "pgadmin2", "pgadmin3");
        assertThat(members("sql")).containsExactlyInAnyOrder("proxy", "pgadmin1", "pgadmin2", "pgadmin3");
        for (String r : REPLICAS) {
            Set<String> shared = networksOf(r);
            shared.retainAll(networksOf("adventureworks"));
            assertThat(shared).as(r + " reaches AdventureWorks only through the proxy").isEmpty();
        }
        // The teacher's console is reached only by nginx (its /teacher/ route), on a network of the two alone.
        assertThat(project.path("networks").path("teacher").path("internal").asBoolean()).as("teacher internal").isTrue();
        assertThat(members("teacher")).containsExactlyInAnyOrder("nginx", "proxy");
        assertThat(networksOf("settings-db")).containsExactly("settings");
        assertThat(networksOf("adventureworks")).containsExactly("db");
    }

    @Test
    void everySecretIsAGeneratedFileThatGitIgnores() throws Exception {
        JsonNode secrets = project.path("secrets");
        assertThat(secrets.size()).isGreaterThanOrEqualTo(3);
        Path secretsDir = Tools.repo().resolve("stack/secrets");
        secrets.fields().forEachRemaining(e ->
                assertThat(Path.of(e.getValue().path("file").asText()).startsWith(secretsDir))
                        .as(e.getKey() + " is a file in stack/secrets/").isTrue());
        assertThat(Files.readAllLines(Tools.repo().resolve(".gitignore"))).contains("/stack/secrets/");
        // No service gets a password in its environment: only *_FILE pointers to /run/secrets.
        services.fields().forEachRemaining(e -> e.getValue().path("environment").fields().forEachRemaining(v -> {
            if (v.getKey().contains("PASSWORD")) {
                assertThat(v.getKey()).as(e.getKey()).endsWith("_FILE");
                assertThat(v.getValue().asText()).startsWith("/run/secrets/");
            }
        }));
    }

    private Set<String> members(String network) {
        Set<String> m = new TreeSet<>();
        services.fields().forEachRemaining(e -> {
            if (networksOf(e.getKey()).contains(network)) m.add(e.getKey());
        });
        return m;
    }

    private Set<String> networksOf(String service) {
        Set<String> n = new TreeSet<>();
        services.path(service).path("networks").fieldNames().forEachRemaining(n::add);
        return n;
    }

    private static List<String> volumeTargets(JsonNode service) {
        List<String> t = new ArrayList<>();
        service.path("volumes").forEach(v -> t.add(v.path("target").asText()));
        return t;
    }

    private static List<String> strings(JsonNode array) {
        List<String> l = new ArrayList<>();
        array.forEach(x -> l.add(x.asText()));
        return l;
    }
}
