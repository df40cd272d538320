package org.pgaw.stack.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * One learner's browser: its own cookie jar, one User-Agent, the shared client address of the test (a class
 * behind one NAT), HTTPS through nginx only. Speaks pgAdmin's HTTP API the way its web page does.
 */
public final class Learner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LOGIN_CSRF = Pattern.compile("\"csrfToken\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern APP_CSRF = Pattern.compile("pgAdmin\\['csrf_token'\\]\\s*=\\s*'([^']+)'");

    public final String name;
    private final String base;
    /** A minimal cookie jar (name → value) for one host; java.net.CookieManager rejects "localhost". */
    private final Map<String, String> cookies = new ConcurrentHashMap<>();
    private final HttpClient http;
    private final List<String> routesSeen = new ArrayList<>();
    private String csrf;

    /** host: the name the stack's certificate is for (localhost for the test certificates). */
    public Learner(String name, String host, int httpsPort, SSLContext trust) {
        this(name, host, httpsPort, trust, Duration.ofSeconds(5));
    }

    /**
     * With the time a connection (TCP and TLS) may take: 5 s for a test on a quiet stack; a browser waits far longer,
     * and so does the load harness, where a 2-core machine under a whole class takes more than 5 s now and then.
     */
    public Learner(String name, String host, int httpsPort, SSLContext trust, Duration connectTimeout) {
        this.name = name;
        this.base = "https://" + host + ":" + httpsPort;
        this.http = HttpClient.newBuilder().sslContext(trust)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    /** The pgaw_route cookie nginx gave this browser (a, b or c), or null before the first request. */
    public String route() {
        return cookies.get("pgaw_route");
    }

    /** Every route nginx stamped on a response to this browser, in order. */
    public List<String> routesSeen() {
        return routesSeen;
    }

    public void login(String email, String password) {
        HttpResponse<String> page = send(get("/login"));
        check(page, 200, "GET /login");
        String token = find(LOGIN_CSRF, page.body(), "the login page's csrfToken");
        String form = "email=" + enc(email) + "&password=" + enc(password) + "&csrf_token=" + enc(token);
        HttpResponse<String> r = send(request("/authenticate/login").header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
        String location = r.headers().firstValue("Location").orElse("");
        if (r.statusCode() != 302 || !location.contains("/browser")) {
            throw new IllegalStateException(name + ": login failed: HTTP " + r.statusCode() + " -> " + location);
        }
        HttpResponse<String> js = send(get("/browser/js/utils.js"));
        check(js, 200, "GET /browser/js/utils.js");
        csrf = find(APP_CSRF, js.body(), "pgAdmin['csrf_token'] in utils.js");
    }

    /** True when pgAdmin still knows this browser's session (it redirects to /login otherwise). */
    public boolean loggedIn() {
        HttpResponse<String> r = send(get("/browser/"));
        return r.statusCode() == 200;
    }

    public JsonNode getData(String path) {
        HttpResponse<String> r = send(get(path));
        check(r, 200, "GET " + path);
        return parse(r.body()).path("data");
    }

    /** A tree listing: pgAdmin puts the nodes in "data" for most types and in "result" for servers. */
    public JsonNode getNodes(String path) {
        HttpResponse<String> r = send(get(path));
        check(r, 200, "GET " + path);
        JsonNode body = parse(r.body());
        return body.path("data").isArray() ? body.path("data") : body.path("result");
    }

    public HttpResponse<String> postJson(String path, Object body) {
        try {
            return send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public HttpResponse<String> delete(String path) {
        return send(request(path).DELETE());
    }

    public HttpResponse<String> getRaw(String path) {
        return send(get(path));
    }

    public static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body.substring(0, Math.min(500, body.length())));
        }
    }

    public static void check(HttpResponse<String> r, int expected, String what) {
        if (r.statusCode() != expected) {
            String body = r.body() == null ? "" : r.body();
            throw new IllegalStateException(what + ": HTTP " + r.statusCode() + " (expected " + expected + "): "
                    + body.substring(0, Math.min(800, body.length())));
        }
    }

    private HttpRequest.Builder get(String path) {
        return request(path).GET();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .header("User-Agent", "pgaw-e2e-browser/1.0 (" + name + ")")
                // pgAdmin checks the Referer of HTTPS requests (CSRF protection), as a browser sends it.
                .header("Referer", base + "/browser/");
        if (csrf != null) b.header("X-pgA-CSRFToken", csrf);
        if (!cookies.isEmpty()) {
            b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        return b;
    }

    private HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            for (String c : r.headers().allValues("Set-Cookie")) {
                String pair = c.contains(";") ? c.substring(0, c.indexOf(';')) : c;
                int eq = pair.indexOf('=');
                if (eq <= 0) continue;
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                boolean expired = c.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")
                        || c.toLowerCase(java.util.Locale.ROOT).contains("expires=thu, 01 jan 1970");
                if (expired) cookies.remove(name);
                else cookies.put(name, value);
                if (name.equals("pgaw_route")) routesSeen.add(value);
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String find(Pattern p, String text, String what) {
        Matcher m = p.matcher(text);
        if (!m.find()) throw new IllegalStateException("cannot find " + what);
        return m.group(1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
