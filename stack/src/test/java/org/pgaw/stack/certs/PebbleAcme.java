package org.pgaw.stack.certs;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.pgaw.stack.support.ChildProcess;
import org.pgaw.stack.support.Command;
import org.pgaw.stack.support.FreePorts;

/**
 * Let's Encrypt's own ACME test server, Pebble, with pebble-challtestsrv as its DNS: every name resolves to 127.0.0.1,
 * so Pebble validates http-01 against our nginx on {@code httpPort} exactly as Let's Encrypt would on port 80.
 * Pebble's HTTPS listener gets a certificate from a throw-away CA made here; certbot trusts it via
 * {@code REQUESTS_CA_BUNDLE}.
 */
final class PebbleAcme implements AutoCloseable {
    private final ChildProcess dns;
    private final ChildProcess pebble;
    private final Path listenerCa;
    private final int acmePort;
    private final int managementPort;

    private PebbleAcme(ChildProcess dns, ChildProcess pebble, Path listenerCa, int acmePort, int managementPort) {
        this.dns = dns;
        this.pebble = pebble;
        this.listenerCa = listenerCa;
        this.acmePort = acmePort;
        this.managementPort = managementPort;
    }

    /** Starts the DNS and Pebble; Pebble validates http-01 challenges on 127.0.0.1:{@code httpPort}. */
    static PebbleAcme start(Path dir, int httpPort) throws IOException {
        Files.createDirectories(dir);
        Path ca = makeListenerCertificate(dir);
        int dnsPort = FreePorts.next();
        int acmePort = FreePorts.next();
        int managementPort = FreePorts.next();
        String config = """
                {"pebble": {
                  "listenAddress": "127.0.0.1:%d",
                  "managementListenAddress": "127.0.0.1:%d",
                  "certificate": "listener.pem", "privateKey": "listener.key",
                  "httpPort": %d, "tlsPort": %d,
                  "ocspResponderURL": "", "externalAccountBindingRequired": false
                }}""".formatted(acmePort, managementPort, httpPort, FreePorts.next());
        Files.writeString(dir.resolve("pebble-config.json"), config);
        ChildProcess dns = ChildProcess.start("pebble-challtestsrv", List.of("pebble-challtestsrv",
                "-dnsserver", "127.0.0.1:" + dnsPort, "-management", "127.0.0.1:" + FreePorts.next(),
                "-defaultIPv4", "127.0.0.1", "-defaultIPv6", "",
                "-http01", "", "-https01", "", "-tlsalpn01", "", "-doh", ""), Map.of(), dir);
        ChildProcess pebble = null;
        try {
            dns.awaitLog("Starting challenge servers", Duration.ofSeconds(20));
            // No random validation sleeps, no injected bad nonces: the test is about our scripts, not retry logic.
            pebble = ChildProcess.start("pebble", List.of("pebble", "-config", "pebble-config.json",
                    "-dnsserver", "127.0.0.1:" + dnsPort),
                    Map.of("PEBBLE_VA_NOSLEEP", "1", "PEBBLE_WFE_NONCEREJECT", "0"), dir);
            pebble.awaitPort(acmePort, Duration.ofSeconds(20));
            pebble.awaitPort(managementPort, Duration.ofSeconds(20));
            return new PebbleAcme(dns, pebble, ca, acmePort, managementPort);
        } catch (RuntimeException | Error e) {
            if (pebble != null) {
                pebble.close();
            }
            dns.close();
            throw e;
        }
    }

    String directoryUrl() {
        return "https://127.0.0.1:" + acmePort + "/dir";
    }

    /** The CA bundle certbot needs to trust Pebble's HTTPS listener. */
    Path listenerCa() {
        return listenerCa;
    }

    /** Pebble's issuing root (made anew at each Pebble start): what a client puts in sslrootcert. */
    String issuingRootPem() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (var in = Files.newInputStream(listenerCa)) {
            trust.setCertificateEntry("listener-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        HttpClient http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> root = http.send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + managementPort + "/roots/0")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (root.statusCode() != 200 || !root.body().contains("BEGIN CERTIFICATE")) {
            throw new AssertionError("Pebble's /roots/0 answered " + root.statusCode() + ": " + root.body());
        }
        return root.body();
    }

    String log() {
        return pebble.log();
    }

    @Override
    public void close() {
        pebble.close();
        dns.close();
    }

    /** A one-day CA and a leaf for 127.0.0.1, made with openssl: nothing shipped that could expire under the test. */
    private static Path makeListenerCertificate(Path dir) throws IOException {
        Files.writeString(dir.resolve("listener.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        Duration limit = Duration.ofSeconds(30);
        Map<String, String> env = Map.of();
        Command.run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", "listener-ca.key", "-out", "listener-ca.pem", "-days", "1",
                "-subj", "/CN=pgaw test ACME listener CA"), env, dir, limit).assertSuccess("openssl (listener CA)");
        Command.run(List.of("openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "listener.key", "-out", "listener.csr", "-subj", "/CN=localhost"), env, dir, limit)
                .assertSuccess("openssl (listener key)");
        Command.run(List.of("openssl", "x509", "-req", "-in", "listener.csr", "-CA", "listener-ca.pem",
                "-CAkey", "listener-ca.key", "-CAcreateserial", "-days", "1", "-out", "listener.pem",
                "-extfile", "listener.ext"), env, dir, limit).assertSuccess("openssl (listener certificate)");
        return dir.resolve("listener-ca.pem");
    }
}
