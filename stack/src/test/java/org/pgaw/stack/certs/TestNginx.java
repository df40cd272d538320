package org.pgaw.stack.certs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pgaw.stack.support.ChildProcess;
import org.pgaw.stack.support.FreePorts;

/**
 * A real nginx on loopback with the repository's own snippets (nginx/snippets/acme-challenge.conf and tls.conf) included
 * verbatim. The snippets name fixed production paths (the ACME webroot, the TLS directory); nginx runs in a private
 * mount namespace where the test's directories are bind-mounted onto exactly those paths, so nothing on this machine
 * is touched beyond two empty mount points.
 */
final class TestNginx implements AutoCloseable {
    private static final Pattern WEBROOT = Pattern.compile("(?m)^\\s*root\\s+(/\\S+);");
    private static final Pattern CERT_DIR = Pattern.compile("(?m)^\\s*ssl_certificate\\s+(/\\S+)/fullchain\\.pem;");

    private final ChildProcess process;
    private final Path dir;
    final int httpPort;
    final int httpsPort;

    private TestNginx(ChildProcess process, Path dir, int httpPort, int httpsPort) {
        this.process = process;
        this.dir = dir;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
    }

    /** The port nginx will serve plain HTTP on; chosen before start because Pebble must know it. */
    static int choosePort() {
        return FreePorts.next();
    }

    static TestNginx start(Path repo, Path dir, String domain, int httpPort, Path webroot, Path tlsDir) throws IOException {
        Path snippets = repo.resolve("nginx/snippets");
        Path acmeSnippet = snippets.resolve("acme-challenge.conf");
        Path tlsSnippet = snippets.resolve("tls.conf");
        String productionWebroot = find(WEBROOT, acmeSnippet);
        String productionTlsDir = find(CERT_DIR, tlsSnippet);
        int httpsPort = FreePorts.next();
        Files.createDirectories(dir.resolve("tmp"));
        String conf = """
                worker_processes 1;
                error_log %1$s/error.log info;
                pid %1$s/nginx.pid;
                events { worker_connections 64; }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/tmp; proxy_temp_path %1$s/tmp; fastcgi_temp_path %1$s/tmp;
                    uwsgi_temp_path %1$s/tmp; scgi_temp_path %1$s/tmp;
                    server {
                        listen 127.0.0.1:%2$d;
                        server_name %4$s;
                        include %5$s;
                        location / { return 301 https://$host$request_uri; }
                    }
                    server {
                        listen 127.0.0.1:%3$d ssl;
                        server_name %4$s;
                        include %6$s;
                        location / { return 200 "pgaw\\n"; }
                    }
                }
                """.formatted(dir, httpPort, httpsPort, domain, acmeSnippet, tlsSnippet);
        Path confFile = dir.resolve("nginx.conf");
        Files.writeString(confFile, conf);
        String script = "mkdir -p \"$1\" \"$2\" && mount --bind \"$3\" \"$1\" && mount --bind \"$4\" \"$2\""
                + " && exec nginx -g 'daemon off;' -p \"$5/\" -c \"$6\"";
        ChildProcess process = ChildProcess.start("nginx", List.of("unshare", "--mount", "--propagation", "private",
                "sh", "-c", script, "sh", productionWebroot, productionTlsDir, webroot.toString(), tlsDir.toString(),
                dir.toString(), confFile.toString()), Map.of(), dir);
        try {
            process.awaitPort(httpPort, Duration.ofSeconds(15));
            process.awaitPort(httpsPort, Duration.ofSeconds(15));
        } catch (RuntimeException | Error e) {
            process.close();
            throw e;
        }
        return new TestNginx(process, dir, httpPort, httpsPort);
    }

    /** The nginx master's pid (unshare and sh exec into it): the same number before and after a reload. */
    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** What nginx printed and its error log (reloads, certificate load failures). */
    String log() {
        try {
            return process.log() + Files.readString(dir.resolve("error.log"));
        } catch (IOException e) {
            return process.log();
        }
    }

    @Override
    public void close() {
        process.close();
    }

    private static String find(Pattern pattern, Path snippet) throws IOException {
        Matcher m = pattern.matcher(Files.readString(snippet));
        if (!m.find()) {
            throw new AssertionError(snippet + " no longer has a line matching " + pattern);
        }
        return m.group(1);
    }
}
