package org.pgaw.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgaw.proxy.testing.TestPostgres;

/**
 * The real command in its own JVM against a real PostgreSQL: SIGTERM makes /health answer 503 at once, lets the
 * running statement finish, and the process then exits. This is what a process manager's stop does.
 */
class MainShutdownTest {
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process proxy;

    @AfterEach
    void killLeftovers() throws InterruptedException {
        if (proxy != null && proxy.isAlive()) {
            proxy.destroyForcibly();
            proxy.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void sigtermDrainsRunningStatementsThenExits() throws Exception {
        int port = freePort();
        int adminPort = freePort();
        Path log = dir.resolve("proxy.log");
        proxy = new ProcessBuilder(List.of(javaBinary(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(),
                "--listen", "127.0.0.1:" + port, "--backend", TestPostgres.address().toString(),
                "--admin-listen", "127.0.0.1:" + adminPort, "--limits-shutdown-grace", "30s"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();

        awaitHealth(adminPort, code -> code == 200, log);

        CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> {
            try (Connection c = connect(port); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT 'finished' FROM pg_sleep(3)")) {
                rs.next();
                return rs.getString(1);
            } catch (SQLException e) {
                return "failed: " + e.getMessage();
            }
        });
        awaitStatementRunning();

        proxy.destroy(); // SIGTERM
        awaitHealth(adminPort, code -> code == 503, log);
        assertThat(running.isDone()).as("the statement is still running while the proxy drains").isFalse();

        assertThat(running.get(30, TimeUnit.SECONDS)).isEqualTo("finished");
        assertThat(proxy.waitFor(40, TimeUnit.SECONDS)).as("the process exits after draining").isTrue();
        assertThat(proxy.exitValue()).as("the JVM's exit code after SIGTERM").isEqualTo(143);
        assertThat(Files.readString(log)).contains("shutting down", "stopped").doesNotContain("Exception");
    }

    private Connection connect(int port) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("sslmode", "disable");
        p.setProperty("connectTimeout", "10");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", p);
    }

    private static void awaitStatementRunning() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = TestPostgres.direct(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%pg_sleep(3)%' AND pid <> pg_backend_pid()")) {
                rs.next();
                if (rs.getInt(1) > 0) return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the statement never started running");
    }

    private void awaitHealth(int adminPort, IntPredicate wanted, Path log) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            try {
                last = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (wanted.test(last)) return;
            } catch (IOException e) {
                if (!proxy.isAlive()) throw new AssertionError("the proxy exited: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("health never reached the wanted status (last " + last + "): " + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
