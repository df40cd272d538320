package org.pgaw.stack.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.pgaw.stack.support.ChildProcess;

/**
 * A self-signed certificate for localhost and 127.0.0.1 (EC P-256, two days), made by the real openssl, in the names
 * certbot gives its files, for the nginx under test; the test's HTTPS client trusts exactly it.
 */
public record LocalhostCertificate(Path cert, Path key) {
    public static LocalhostCertificate create(Path work) {
        Path cert = work.resolve("fullchain.pem");
        Path key = work.resolve("privkey.pem");
        ChildProcess.run("openssl", List.of(Tools.openssl().toString(), "req", "-x509", "-newkey", "ec",
                "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key.toString(), "-out",
                cert.toString()), Map.of(), work, null, Duration.ofSeconds(30));
        return new LocalhostCertificate(cert, key);
    }
}
