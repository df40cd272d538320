package org.pgaw.stack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgaw.proxy.ProxyServer;
import org.pgaw.proxy.config.AdminConfig;
import org.pgaw.proxy.config.ConsoleConfig;
import org.pgaw.proxy.config.GuardConfig;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.config.ProxyConfig;
import org.pgaw.stack.support.FreePorts;
import org.pgaw.stack.support.NeedsPrograms;
import org.pgaw.stack.support.Program;
import org.pgaw.stack.support.TrustOnly;

/**
 * The teacher's console as the stack publishes it: the repository's nginx.conf forwards https://host/teacher/ to the
 * proxy's console listener; the teacher logs in over TLS (the Secure cookie), and sees a learner's session.
 */
@NeedsPrograms({Program.NGINX_E2E, Program.OPENSSL_E2E})
class ConsoleThroughNginxTest {
    @Test
    void theTeacherLogsInThroughNginxAndSeesALearnersSession(@TempDir Path work) throws Exception {
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        String password = StackTopology.randomWord(24);
        Path secret = work.resolve("teacher_console_password");
        Files.writeString(secret, password + "\n");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            try (Connection c = pg.getPostgresDatabase().getConnection()) {
                c.createStatement().execute("CREATE ROLE learner1 LOGIN");
            }
            ProxyServer proxy = ProxyServer.start(ProxyConfig.defaults().withTls(null).withAdmin(new AdminConfig(null))
                    .withListen(new HostPort("127.0.0.1", 0)).withBackend(new HostPort("127.0.0.1", pg.getPort()))
                    .withGuard(new GuardConfig(true, GuardConfig.GuardLimits.defaults(), List.of(), List.of()))
                    .withConsole(new ConsoleConfig(new HostPort("127.0.0.1", 0), secret, 100)));
            LocalhostCertificate tls = LocalhostCertificate.create(work);
            try (NginxUnderTest nginx = NginxUnderTest.start(work.resolve("nginx"), tls.cert(), tls.key(),
                    List.of(FreePorts.next(), FreePorts.next(), FreePorts.next()), proxy.consoleAddress().getPort());
                 Connection learner = learner(proxy)) {
                learner.createStatement().execute("SELECT 1");
                HttpClient https = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .sslContext(TrustOnly.certificate(Files.readString(tls.cert())))
                        .followRedirects(HttpClient.Redirect.NEVER).build();
                String base = "https://localhost:" + nginx.httpsPort() + "/teacher/";

                HttpResponse<String> page = https.send(HttpRequest.newBuilder(URI.create(base)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.body()).contains("Teacher's password");
                assertThat(page.headers().firstValue("Strict-Transport-Security")).isPresent();

                HttpResponse<String> login = https.send(HttpRequest.newBuilder(URI.create(base + "login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Origin", "https://localhost:" + nginx.httpsPort())
                        .POST(HttpRequest.BodyPublishers.ofString("password=" + password)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(login.statusCode()).as(login.body()).isEqualTo(303);
                String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
                assertThat(cookie).contains("; Secure").contains("; HttpOnly").contains("; SameSite=Strict");

                HttpResponse<String> state = https.send(HttpRequest.newBuilder(URI.create(base + "state"))
                        .header("Cookie", cookie.substring(0, cookie.indexOf(';'))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(state.statusCode()).isEqualTo(200);
                assertThat(state.body()).contains("\"user\":\"learner1\"");
            } finally {
                proxy.close();
            }
        }
    }

    private static Connection learner(ProxyServer proxy) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "learner1");
        p.setProperty("sslmode", "disable");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.address().getPort() + "/postgres", p);
    }
}
