package org.pgaw.stack.certs;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pgaw.stack.support.Command;
import org.pgaw.stack.support.Poll;

/** What a server presents in a fresh TLS handshake, as openssl s_client sees it (no trust decisions here). */
final class ServedCertificate {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\\s]+?-----END CERTIFICATE-----");

    private ServedCertificate() { }

    /** The serial of the leaf an HTTPS server presents for the name (SNI). */
    static BigInteger https(Path workDir, int port, String serverName) {
        return serial(workDir, List.of("-connect", "127.0.0.1:" + port, "-servername", serverName));
    }

    /** The serial of the leaf a PostgreSQL server (here: pgwire-proxy) presents after SSLRequest. */
    static BigInteger postgres(Path workDir, int port, String serverName) {
        return serial(workDir, List.of("-starttls", "postgres", "-connect", "127.0.0.1:" + port,
                "-servername", serverName));
    }

    /** The serial of the certificate in a PEM file (the first one, the leaf in a fullchain). */
    static BigInteger ofFile(Path pem) throws Exception {
        return parse(Files.readString(pem)).getSerialNumber();
    }

    /** Polls until the supplier yields the expected value: nginx reloads and the proxy's file check are asynchronous. */
    static <T> T await(Supplier<T> served, T expected, Duration timeout, Supplier<String> diagnostics) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = served.get();
        while (!last.equals(expected)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still served " + hex(last) + ", expected " + hex(expected) + " after " + timeout
                        + "\n" + diagnostics.get());
            }
            Poll.pause(200);
            last = served.get();
        }
        return last;
    }

    private static String hex(Object value) {
        return value instanceof BigInteger serial ? "serial " + serial.toString(16) : String.valueOf(value);
    }

    private static BigInteger serial(Path workDir, List<String> target) {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client"));
        command.addAll(target);
        Command.Result result = Command.run(command, Map.of(), workDir, Duration.ofSeconds(20));
        Matcher m = PEM.matcher(result.output());
        if (!m.find()) {
            throw new AssertionError("openssl s_client " + target + " got no certificate:\n" + result.output());
        }
        try {
            return parse(m.group()).getSerialNumber();
        } catch (Exception e) {
            throw new AssertionError("unreadable certificate from " + target, e);
        }
    }

    private static X509Certificate parse(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
