package org.pgaw.proxy.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pgaw.proxy.ProxyServer;
import org.pgaw.proxy.config.ConsoleConfig;
import org.pgaw.proxy.config.GuardConfig;
import org.pgaw.proxy.config.GuardConfig.BudgetMode;
import org.pgaw.proxy.config.GuardConfig.GuardLimits;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.config.ProxyConfig;
import org.pgaw.proxy.testing.TestPostgres;

/**
 * A guarding proxy in front of the test PostgreSQL with the teacher's console on a free loopback port, its
 * password random per fixture, and a plain HTTP client that keeps the console's cookie by hand (so the tests see
 * exactly what is sent).
 */
final class ConsoleFixture implements AutoCloseable {
    static final String LEARNER = "console_learner";
    static final String TEACHER = "console_teacher";

    final ProxyServer proxy;
    final String password;
    final Path passwordFile;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    ConsoleFixture(Path dir, Duration statementTimeout, boolean admin) throws IOException {
        TestPostgres.exec("DO $$ BEGIN CREATE ROLE " + LEARNER + " LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        TestPostgres.exec("DO $$ BEGIN CREATE ROLE " + TEACHER + " LOGIN SUPERUSER; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        password = HexFormat.of().formatHex(b);
        passwordFile = dir.resolve("teacher-password");
        Files.writeString(passwordFile, password + "\n");
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        GuardLimits limits = new GuardLimits(100, 1L << 20, BudgetMode.TRUNCATE, statementTimeout, Duration.ZERO,
                Duration.ZERO);
        ProxyConfig config = ProxyConfig.defaults().withTls(null)
                .withAdmin(admin ? new org.pgaw.proxy.config.AdminConfig(new HostPort("127.0.0.1", 0)) : null)
                .withListen(new HostPort("127.0.0.1", 0)).withBackend(TestPostgres.address())
                .withGuard(new GuardConfig(true, limits, List.of(), List.of(TEACHER)))
                .withConsole(new ConsoleConfig(new HostPort("127.0.0.1", 0), passwordFile, 100));
        proxy = ProxyServer.start(config);
    }

    String base() {
        return "http://localhost:" + proxy.consoleAddress().getPort() + "/teacher/";
    }

    Connection learner(String applicationName) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", LEARNER);
        p.setProperty("sslmode", "disable");
        p.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.address().getPort() + "/postgres", p);
    }

    HttpResponse<String> get(String route, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base() + route)).timeout(Duration.ofSeconds(10)).GET();
        if (cookie != null) r.header("Cookie", cookie);
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String route, String cookie, String form, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base() + route)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) r.header("Cookie", cookie);
        for (int i = 0; i < headers.length; i += 2) r.header(headers[i], headers[i + 1]);
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Logs in; returns "pgaw_teacher=VALUE" for the Cookie header. */
    String login() throws IOException, InterruptedException {
        HttpResponse<String> r = post("login", null, "password=" + password);
        if (r.statusCode() != 303) throw new AssertionError("login answered " + r.statusCode() + ": " + r.body());
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    String csrf(String cookie) throws IOException, InterruptedException {
        Matcher m = Pattern.compile("<meta name=\"csrf\" content=\"([^\"]+)\">").matcher(get("", cookie).body());
        if (!m.find()) throw new AssertionError("no CSRF token in the console page");
        return m.group(1);
    }

    @Override
    public void close() {
        proxy.close();
    }
}
