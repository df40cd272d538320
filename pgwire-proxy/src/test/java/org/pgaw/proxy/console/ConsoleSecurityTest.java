package org.pgaw.proxy.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every security rule of the teacher's console, over plain HTTP against a real proxy and PostgreSQL: only the
 * teacher gets in, the cookie is HttpOnly/Secure/SameSite=Strict, actions need the CSRF token and a same-site
 * origin, bad input gets a 4xx and changes nothing (a learner's statement keeps running through all of it), and
 * neither the learners' port nor the admin endpoint serves the console.
 */
class ConsoleSecurityTest {
    @TempDir
    static Path dir;
    private static ConsoleFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new ConsoleFixture(dir, Duration.ofSeconds(60), true);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void withoutLoggingInThereIsOnlyTheLoginForm() throws Exception {
        HttpResponse<String> page = f.get("", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("type=\"password\"").doesNotContain("name=\"csrf\"");
        assertThat(f.get("state", null).statusCode()).isEqualTo(401);
        assertThat(f.post("cancel", null, "session=1&csrf=x").statusCode()).isEqualTo(401);
        assertThat(f.post("end", null, "session=1&csrf=x").statusCode()).isEqualTo(401);
        assertThat(f.get("state", "pgaw_teacher=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").statusCode())
                .as("a forged cookie is no login").isEqualTo(401);
    }

    @Test
    void theCookieIsHttpOnlySecureAndSameSiteStrictAndTheWrongPasswordGetsNone() throws Exception {
        HttpResponse<String> wrong = f.post("login", null, "password=not-the-password");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();

        HttpResponse<String> right = f.post("login", null, "password=" + f.password);
        assertThat(right.statusCode()).isEqualTo(303);
        assertThat(right.headers().firstValue("Location")).hasValue("/teacher/");
        String cookie = right.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("pgaw_teacher=").contains("; HttpOnly").contains("; Secure")
                .contains("; SameSite=Strict").contains("; Path=/teacher/");
        assertThat(f.get("state", cookie.substring(0, cookie.indexOf(';'))).statusCode()).isEqualTo(200);
    }

    @Test
    void everyAnswerForbidsCachingFramingSniffingAndForeignScripts() throws Exception {
        for (HttpResponse<String> r : new HttpResponse[] {f.get("", null), f.get("console.js", null), f.get("nope", null)}) {
            assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        }
    }

    @Test
    void badActionsGetA4xxAndTheLearnersStatementRunsOn() throws Exception {
        String cookie = f.login();
        String csrf = f.csrf(cookie);
        try (Connection c = f.learner("psql")) {
            Statement s = c.createStatement();
            CompletableFuture<Object> sleeping = CompletableFuture.supplyAsync(() -> {
                try {
                    return s.execute("SELECT pg_sleep(20)");
                } catch (SQLException e) {
                    return e;
                }
            });
            String id = waitForActiveSession(cookie);

            assertThat(f.post("cancel", cookie, "session=" + id).statusCode()).as("no CSRF token").isEqualTo(403);
            assertThat(f.post("cancel", cookie, "session=" + id + "&csrf=" + csrf.substring(1) + "A").statusCode())
                    .as("a wrong CSRF token").isEqualTo(403);
            assertThat(f.post("cancel", cookie, "session=" + id + "&csrf=" + csrf + "&csrf=" + csrf).statusCode())
                    .as("two tokens").isEqualTo(403);
            assertThat(f.post("cancel", cookie, "session=abc&csrf=" + csrf).statusCode()).as("a forged id").isEqualTo(400);
            assertThat(f.post("cancel", cookie, "session=99999999999999999999999&csrf=" + csrf).statusCode()).isEqualTo(400);
            assertThat(f.post("cancel", cookie, "session=987654321&csrf=" + csrf).statusCode()).as("an unknown session").isEqualTo(404);
            assertThat(f.post("end", cookie, "session=987654321&csrf=" + csrf).statusCode()).isEqualTo(404);
            assertThat(f.post("cancel", cookie, "session=" + id + "&csrf=" + csrf, "Origin", "https://evil.example").statusCode())
                    .as("another origin").isEqualTo(403);
            assertThat(f.post("cancel", cookie, "session=" + id + "&csrf=" + csrf, "Sec-Fetch-Site", "cross-site").statusCode())
                    .as("a cross-site fetch").isEqualTo(403);
            assertThat(f.http.send(HttpRequest.newBuilder(URI.create(f.base() + "cancel")).header("Cookie", cookie)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"session\":\"" + id + "\",\"csrf\":\"" + csrf + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).as("not a form").isEqualTo(415);
            assertThat(f.post("cancel", cookie, "session=" + id + "&csrf=" + csrf + "&pad=" + "x".repeat(10_000)).statusCode())
                    .as("an oversized request").isEqualTo(413);
            assertThat(f.get("cancel", cookie).statusCode()).as("an action by GET").isEqualTo(405);
            assertThat(f.get("state?after=x", cookie).statusCode()).isEqualTo(400);
            assertThat(f.get("../../etc/passwd", cookie).statusCode()).isEqualTo(404);

            Thread.sleep(300);
            assertThat(sleeping).as("nothing above cancelled the learner's statement").isNotDone();
            assertThat(f.post("cancel", cookie, "session=" + id + "&csrf=" + csrf, "Origin",
                    "http://localhost:" + f.proxy.consoleAddress().getPort()).statusCode()).isEqualTo(200);
            Object result = sleeping.get(10, TimeUnit.SECONDS);
            assertThat(result).isInstanceOf(SQLException.class);
            assertThat(((SQLException) result).getSQLState()).isEqualTo("57014");
        }
    }

    @Test
    void endingASessionTellsTheLearnerTheTeacherEndedIt() throws Exception {
        String cookie = f.login();
        String csrf = f.csrf(cookie);
        try (Connection c = f.learner("ending")) {
            c.createStatement().execute("SELECT 1");
            String id = sessionIdOf(cookie, "ending");
            assertThat(f.post("end", cookie, "session=" + id + "&csrf=" + csrf).statusCode()).isEqualTo(200);
            Thread.sleep(500);
            assertThatThrownBy(() -> c.createStatement().execute("SELECT 1")).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57P01"))
                    .hasMessageContaining("the teacher ended this session");
        }
    }

    @Test
    void theLearnersPortAndTheAdminEndpointNeverServeTheConsole() throws Exception {
        try (Socket s = new Socket("127.0.0.1", f.proxy.address().getPort())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write("GET /teacher/ HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] got = in.readNBytes(5);
            assertThat(new String(got, StandardCharsets.US_ASCII)).doesNotStartWith("HTTP/");
        } catch (java.net.SocketException closed) {
            // closed without a word: also not the console
        }
        HttpResponse<String> admin = f.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + f.proxy.adminAddress().getPort() + "/teacher/")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(admin.statusCode()).isEqualTo(404);
    }

    @Test
    void loginsAreRateLimitedPerAddressEvenForTheRightPassword(@TempDir Path own) throws Exception {
        try (ConsoleFixture g = new ConsoleFixture(own, Duration.ofSeconds(60), false)) {
            for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
                assertThat(g.post("login", null, "password=guess" + i).statusCode()).isEqualTo(401);
            }
            HttpResponse<String> blocked = g.post("login", null, "password=" + g.password);
            assertThat(blocked.statusCode()).isEqualTo(429);
            assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
            assertThat(blocked.headers().firstValue("Set-Cookie")).isEmpty();
        }
    }

    /**
     * Behind nginx every login comes from nginx's address: the throttle goes by nginx's X-Real-IP, so a stranger's
     * wrong passwords cannot lock the teacher out, and a forged header is believed only from loopback/private peers.
     */
    @Test
    void behindNginxTheThrottleGoesByTheClientsAddressNotNginxs(@TempDir Path own) throws Exception {
        try (ConsoleFixture g = new ConsoleFixture(own, Duration.ofSeconds(60), false)) {
            for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
                assertThat(g.post("login", null, "password=guess" + i, "X-Real-IP", "203.0.113.7").statusCode()).isEqualTo(401);
            }
            assertThat(g.post("login", null, "password=" + g.password, "X-Real-IP", "203.0.113.7").statusCode())
                    .as("the stranger's address is throttled").isEqualTo(429);
            assertThat(g.post("login", null, "password=" + g.password, "X-Real-IP", "198.51.100.20").statusCode())
                    .as("the teacher, from another address, still logs in").isEqualTo(303);
        }
    }

    private static String waitForActiveSession(String cookie) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            String body = f.get("state", cookie).body();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                    "\\{\"id\":\"(\\d+)\",\"user\":\"" + ConsoleFixture.LEARNER + "\",\"client\":\"psql[^\"]*\",\"state\":\"active\"")
                    .matcher(body);
            if (m.find()) return m.group(1);
            Thread.sleep(50);
        }
        throw new AssertionError("the learner's running statement never showed");
    }

    private static String sessionIdOf(String cookie, String application) throws Exception {
        String body = f.get("state", cookie).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "\\{\"id\":\"(\\d+)\",\"user\":\"" + ConsoleFixture.LEARNER + "\",\"client\":\"" + application).matcher(body);
        if (!m.find()) throw new AssertionError("no session of " + application + " in " + body);
        return m.group(1);
    }
}
