package org.pgaw.stack.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.pgaw.stack.support.ChildProcess;
import org.pgaw.stack.support.FreePorts;

/**
 * The repository's nginx/ configuration, run by the real nginx. Only addresses and paths are replaced (the
 * list below is the whole difference to the container); a replacement that no longer finds its text fails
 * the test, so the configuration cannot drift away from what is tested.
 */
public final class NginxUnderTest implements AutoCloseable {
    private final ChildProcess process;
    private final int httpsPort;
    private final int httpPort;
    private final Path accessLog;

    private NginxUnderTest(ChildProcess process, int httpPort, int httpsPort, Path accessLog) {
        this.process = process;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
        this.accessLog = accessLog;
    }

    /** @param replicaPorts the loopback ports of pgAdmin replicas 1, 2, 3 */
    public static NginxUnderTest start(Path work, Path cert, Path key, List<Integer> replicaPorts) {
        return start(work, cert, key, replicaPorts, 0);
    }

    /** @param consolePort the loopback port of the proxy's teacher's console (0: /teacher/ stays on "proxy") */
    public static NginxUnderTest start(Path work, Path cert, Path key, List<Integer> replicaPorts, int consolePort) {
        try {
            Path etc = Files.createDirectories(work.resolve("etc"));
            Path run = Files.createDirectories(work.resolve("run"));
            Path webroot = Files.createDirectories(work.resolve("webroot"));
            // nginx's workers run as nobody: they must reach the hop sockets in run/.
            for (Path p : List.of(work, run)) Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            int http = FreePorts.next();
            int https = FreePorts.next();
            Path accessLog = work.resolve("access.log");

            Path src = Tools.repo().resolve("nginx");
            List<Path> files;
            try (var walk = Files.walk(src)) {
                files = walk.filter(p -> p.toString().endsWith(".conf")).toList();
            }
            StringBuilder all = new StringBuilder();
            for (Path f : files) {
                String text = Files.readString(f)
                        .replace("/etc/nginx/", etc + "/")
                        .replace("/var/run/", run + "/")
                        .replace("/var/www/certbot", webroot.toString())
                        .replace("access_log /dev/stdout;", "access_log " + accessLog + ";")
                        .replace("listen 80 ", "listen 127.0.0.1:" + http + " ")
                        .replace("listen [::]:80 ", "listen [::1]:" + http + " ")
                        .replace("listen 443 ", "listen 127.0.0.1:" + https + " ")
                        .replace("listen [::]:443 ", "listen [::1]:" + https + " ");
                for (int i = 0; i < 3; i++) {
                    text = text.replace("pgadmin" + (i + 1) + ":5050", "127.0.0.1:" + replicaPorts.get(i));
                }
                if (consolePort > 0) text = text.replace("proxy:9188", "127.0.0.1:" + consolePort);
                text = certificates(text, cert, key);
                if (!ipv6Loopback()) text = text.replaceAll("(?m)^\\s*listen \\[::1\\]:\\d+.*$", "");
                Path out = etc.resolve(src.relativize(f).toString());
                Files.createDirectories(out.getParent());
                Files.writeString(out, text);
                all.append(text);
            }
            for (String expected : List.of(etc + "/snippets/tls.conf", etc + "/snippets/acme-challenge.conf",
                    "127.0.0.1:" + replicaPorts.get(2), "listen 127.0.0.1:" + https, run + "/pgaw-replica-a.sock",
                    cert.toString(), key.toString())) {
                if (!all.toString().contains(expected)) {
                    throw new IllegalStateException("nginx/ changed shape: the templated config lacks " + expected);
                }
            }
            Path conf = etc.resolve("nginx.conf");
            Path errors = work.resolve("error.log");
            ChildProcess.run("nginx -t", List.of(Tools.nginx().toString(), "-t", "-q", "-e", errors.toString(), "-c",
                    conf.toString()), Map.of(), work, null, Duration.ofSeconds(30));
            ChildProcess p = ChildProcess.start("nginx", List.of(Tools.nginx().toString(), "-e", errors.toString(),
                    "-c", conf.toString(), "-g", "daemon off;"), Map.of(), work, work.resolve("nginx.out"));
            try {
                p.awaitPort(https, Duration.ofSeconds(20));
            } catch (RuntimeException | Error e) {
                p.close();
                throw e;
            }
            return new NginxUnderTest(p, http, https, accessLog);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whatever files the tls snippet names (stack/certs maintains them) become the test's certificate. */
    private static String certificates(String text, Path cert, Path key) {
        return text
                .replaceAll("(?m)^(\\s*ssl_certificate_key)\\s+\\S+;", "$1 " + Matcher.quoteReplacement(key.toString()) + ";")
                .replaceAll("(?m)^(\\s*ssl_certificate)\\s+\\S+;", "$1 " + Matcher.quoteReplacement(cert.toString()) + ";")
                .replaceAll("(?m)^(\\s*ssl_trusted_certificate)\\s+\\S+;", "$1 " + Matcher.quoteReplacement(cert.toString()) + ";");
    }

    private static boolean ipv6Loopback() {
        try {
            return Files.readString(Path.of("/proc/net/if_inet6")).contains("00000000000000000000000000000001");
        } catch (IOException e) {
            return false;
        }
    }

    public int httpsPort() {
        return httpsPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public List<String> accessLog() {
        try {
            return Files.exists(accessLog) ? Files.readAllLines(accessLog) : new ArrayList<>();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
