package org.pgaw.stack.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.pgaw.stack.e2e.Tools;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The real stack/compose.yaml under Docker, where Docker exists (users' machines, their CI). Without a Docker
 * engine this is skipped with one line saying so: the process-based StackEndToEndTest is what proves the
 * stack here.
 */
class ComposeStackDockerTest {

    @Test
    void theComposeStackComesUpAndServesPgAdminOverHttps() throws Exception {
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            docker = false;
        }
        if (!docker) {
            System.err.println("pgaw: SKIPPED ComposeStackDockerTest: no Docker engine on this machine "
                    + "(StackEndToEndTest proves the same topology with local processes)");
        }
        Assumptions.assumeTrue(docker, "no Docker engine on this machine");

        createMissingSecrets();
        File compose = Tools.repo().resolve("stack/compose.yaml").toFile();
        try (ComposeContainer stack = new ComposeContainer(compose)
                .withLocalCompose(true)
                .withBuild(true)
                .withEnv("PGAW_ADMIN_EMAIL", "teacher@class.example")
                .withExposedService("nginx", 443, Wait.forListeningPort().withStartupTimeout(Duration.ofMinutes(10)))
                .withExposedService("proxy", 5432, Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(10)))) {
            stack.start();
            String host = stack.getServiceHost("nginx", 443);
            int port = stack.getServicePort("nginx", 443);
            HttpClient http = HttpClient.newBuilder().sslContext(trustAll()).build();
            HttpResponse<String> ping = http.send(HttpRequest.newBuilder(URI.create("https://" + host + ":" + port
                    + "/misc/ping")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ping.statusCode()).isEqualTo(200);
            assertThat(ping.headers().firstValue("Set-Cookie").orElse("")).startsWith("pgaw_route=");
        }
    }

    /** What stack/up.sh would generate; existing secrets (a real installation's) are never touched. */
    private static void createMissingSecrets() throws java.io.IOException {
        java.nio.file.Path dir = Tools.repo().resolve("stack/secrets");
        java.nio.file.Files.createDirectories(dir);
        for (String name : java.util.List.of("settings_db_password", "pgadmin_admin_password",
                "adventureworks_admin_password", "adventureworks_owner_password", "adventureworks_learner_password")) {
            java.nio.file.Path f = dir.resolve(name);
            if (!java.nio.file.Files.exists(f)) {
                byte[] b = new byte[18];
                new java.security.SecureRandom().nextBytes(b);
                String pw = java.util.Base64.getEncoder().encodeToString(b).replace('+', 'x').replace('/', 'y');
                java.nio.file.Files.writeString(f, pw + "\n");
            }
        }
    }

    private static javax.net.ssl.SSLContext trustAll() throws Exception {
        javax.net.ssl.TrustManager[] all = {new javax.net.ssl.X509TrustManager() {
            public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) { }
            public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) { }
            public java.security.cert.X509Certificate[] getAcceptedIssuers() { return new java.security.cert.X509Certificate[0]; }
        }};
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
        ctx.init(null, all, new java.security.SecureRandom());
        return ctx;
    }
}
