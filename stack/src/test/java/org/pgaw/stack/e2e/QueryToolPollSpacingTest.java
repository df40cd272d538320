package org.pgaw.stack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgaw.stack.support.NeedsPrograms;
import org.pgaw.stack.support.Program;
import org.pgaw.stack.support.TrustOnly;

/**
 * The repository's nginx.conf spaces pgAdmin's Query Tool polls per login: the page polls with 1 ms between polls
 * for a query's first 10 s, and five tabs of cross joins kept pgAdmin's single-threaded workers busy for the whole
 * class. The first polls of a login go at once (a quick query is shown as fast as before), then they come 4 a
 * second, delayed rather than refused (the page never reads an error, also with five tabs polling at once); other
 * logins and other pages are not slowed. The replicas here are a stub
 * that answers at once, so the time measured is nginx's alone.
 */
@NeedsPrograms({Program.NGINX_E2E, Program.OPENSSL_E2E})
class QueryToolPollSpacingTest {
    private static final int POLLS = 20;

    @Test
    void pollsOfOneLoginAreSpacedNotRefusedAndNobodyElseIsSlowed(@TempDir Path work) throws Exception {
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        HttpServer replica = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        replica.createContext("/", exchange -> {
            byte[] body = "{\"data\":{\"status\":\"Busy\"}}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        replica.setExecutor(Executors.newFixedThreadPool(8));
        replica.start();
        LocalhostCertificate certificate = LocalhostCertificate.create(work);
        int port = replica.getAddress().getPort();
        ExecutorService tabs = Executors.newFixedThreadPool(5);
        try (NginxUnderTest nginx = NginxUnderTest.start(work.resolve("nginx"), certificate.cert(),
                certificate.key(), List.of(port, port, port))) {
            HttpClient https = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .sslContext(TrustOnly.certificate(Files.readString(certificate.cert()))).build();
            String base = "https://localhost:" + nginx.httpsPort();
            get(https, base + "/browser/", "warm-up"); // the TLS session, outside the timings

            long first = timed(() -> {
                for (int i = 0; i < 8; i++) assertThat(get(https, base + "/sqleditor/poll/1", "learner-a")).isEqualTo(200);
            });
            long polls = timed(() -> {
                for (int i = 0; i < POLLS; i++) assertThat(get(https, base + "/sqleditor/poll/1", "learner-a")).isEqualTo(200);
            });
            assertThat(polls).as("then 20 polls of the login, 4 a second").isGreaterThanOrEqualTo(4_000L);
            assertThat(first).as("a query's first polls go at once").isLessThan(polls / 8);

            long pages = timed(() -> {
                for (int i = 0; i < POLLS; i++) assertThat(get(https, base + "/browser/", "learner-a")).isEqualTo(200);
            });
            long others = timed(() -> {
                for (int i = 0; i < POLLS; i++) {
                    assertThat(get(https, base + "/sqleditor/poll/1", "learner-" + i)).isEqualTo(200);
                }
            });
            assertThat(pages).as("the login's other requests are not spaced").isLessThan(polls / 2);
            assertThat(others).as("each other login has its own pace").isLessThan(polls / 2);

            List<Future<Integer>> fiveTabs = new ArrayList<>();
            for (int tab = 0; tab < 5; tab++) {
                fiveTabs.add(tabs.submit(() -> {
                    int worst = 200;
                    for (int i = 0; i < 6; i++) worst = Math.max(worst, get(https, base + "/sqleditor/poll/" + i, "learner-b"));
                    return worst;
                }));
            }
            for (Future<Integer> tab : fiveTabs) {
                assertThat(tab.get()).as("five tabs polling at once wait their turn, never an error").isEqualTo(200);
            }
        } finally {
            tabs.shutdownNow();
            replica.stop(0);
        }
    }

    private static int get(HttpClient https, String url, String session) throws Exception {
        HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create(url))
                .header("Cookie", "pga4_session=" + session).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

    private interface Work {
        void run() throws Exception;
    }

    private static long timed(Work w) throws Exception {
        long t0 = System.nanoTime();
        w.run();
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
