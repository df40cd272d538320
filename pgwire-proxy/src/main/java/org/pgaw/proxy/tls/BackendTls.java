package org.pgaw.proxy.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.pgaw.proxy.config.BackendTlsConfig;
import org.pgaw.proxy.config.BackendTlsConfig.Mode;

/**
 * TLS from the proxy to PostgreSQL, with libpq's meanings:
 * <ul>
 *   <li>DISABLE: plaintext; {@link #enabled()} is false and the proxy sends no SSLRequest.</li>
 *   <li>REQUIRE: encrypted, but any certificate is accepted (protects against eavesdropping, not impersonation).</li>
 *   <li>VERIFY_FULL: the certificate must chain to the configured CA file (without one: to the JVM's trust store)
 *       and name the host ({@code serverName} if configured, else the backend host).</li>
 * </ul>
 */
public final class BackendTls {
    private final BackendTlsConfig config;
    private final SslContext context; // null when disabled

    private BackendTls(BackendTlsConfig config, SslContext context) {
        this.config = config;
        this.context = context;
    }

    /** @throws TlsMaterialException when the configured CA file cannot be used */
    public static BackendTls create(BackendTlsConfig config) {
        Objects.requireNonNull(config, "config");
        Mode mode = config.mode() == null ? Mode.DISABLE : config.mode();
        try {
            return switch (mode) {
                case DISABLE -> new BackendTls(config, null);
                case REQUIRE -> new BackendTls(config,
                        TlsContexts.client(SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE)));
                case VERIFY_FULL -> new BackendTls(config, TlsContexts.client(config.caFile() == null
                        ? SslContextBuilder.forClient() // the JVM's trust store: a PostgreSQL with a public CA's certificate
                        : SslContextBuilder.forClient().trustManager(trustedCas(config.caFile()))));
            };
        } catch (SSLException e) {
            throw new TlsMaterialException("cannot set up TLS towards PostgreSQL (" + mode + "): " + e.getMessage(), e);
        }
    }

    public boolean enabled() {
        return context != null;
    }

    public Mode mode() {
        return context == null ? Mode.DISABLE : config.mode();
    }

    /**
     * A handler to add after the backend answered 'S' to our SSLRequest. {@code host} is the backend address the proxy
     * connected to; a configured {@code serverName} replaces it for SNI and for the certificate's name check.
     */
    public SslHandler newHandler(ByteBufAllocator alloc, String host, int port) {
        if (context == null) {
            throw new IllegalStateException("backend TLS is disabled; check enabled() before sending an SSLRequest");
        }
        String peer = config.serverName() != null && !config.serverName().isBlank() ? config.serverName().strip() : host;
        SslHandler handler = context.newHandler(alloc, peer, port);
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        // The JDK only sends SNI for names with a dot on its own; "localhost" or a compose service name needs it set.
        HostNames.sni(peer).ifPresent(parameters::setServerNames);
        // verify-full checks the certificate's subjectAltName (DNS or IP) against peer, as libpq does; require must not
        // (Netty 4.2 turns the check on by default for every client context).
        parameters.setEndpointIdentificationAlgorithm(config.mode() == Mode.VERIFY_FULL ? "HTTPS" : null);
        engine.setSSLParameters(parameters);
        return handler;
    }

    private static X509Certificate[] trustedCas(Path caFile) {
        byte[] pem = PemFiles.read(caFile, "backend CA");
        return PemFiles.certificates(pem, caFile).toArray(X509Certificate[]::new);
    }
}
