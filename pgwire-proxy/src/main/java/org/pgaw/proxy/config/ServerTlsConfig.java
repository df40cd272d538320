package org.pgaw.proxy.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * TLS towards clients. With no certificate configured a self-signed one is generated at start.
 *
 * @param certChain      PEM certificate chain (Let's Encrypt's fullchain.pem), or null
 * @param privateKey     PEM private key (privkey.pem: PKCS#1, SEC1 or PKCS#8), or null
 * @param require        a plaintext StartupMessage gets a FATAL error
 * @param reloadInterval how often the files are checked for a renewal
 * @param selfSignedName the DNS name put into a generated certificate
 */
public record ServerTlsConfig(Path certChain, Path privateKey, boolean require, Duration reloadInterval,
                              String selfSignedName) {
    public static ServerTlsConfig defaults() {
        return new ServerTlsConfig(null, null, false, Duration.ofSeconds(10), "localhost");
    }

    public boolean hasFiles() {
        return certChain != null && privateKey != null;
    }
}
