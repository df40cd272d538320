package org.pgaw.proxy.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig.Protocol;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectedListenerFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectorFailureBehavior;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;

/** The one place that decides protocol versions and ALPN for every SslContext the proxy builds. */
public final class TlsContexts {
    /** TLS 1.0 and 1.1 are broken; PostgreSQL's own default minimum is 1.2 too. */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /**
     * AEAD suites with forward secrecy only (Mozilla's "intermediate" profile): the JDK's defaults still include CBC/SHA-1
     * suites for TLS 1.2. Every libpq, pgjdbc and psycopg build of the last decade supports these.
     */
    static final List<String> CIPHERS = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    /** The ALPN protocol name PostgreSQL 17 registered; direct TLS clients insist on it. */
    static final String ALPN_POSTGRESQL = "postgresql";

    /**
     * Server side: select "postgresql" when offered. NO_ADVERTISE: a client that offers only other protocols gets no ALPN
     * answer instead of a fatal alert; a client that offers no ALPN at all (libpq before 17) never reaches the selector.
     * ACCEPT only matters to clients but must be a value Netty's JDK provider supports.
     */
    private static final ApplicationProtocolConfig ALPN = new ApplicationProtocolConfig(Protocol.ALPN,
            SelectorFailureBehavior.NO_ADVERTISE, SelectedListenerFailureBehavior.ACCEPT, ALPN_POSTGRESQL);

    private TlsContexts() { }

    /**
     * The engine for clients' TLS: OpenSSL (BoringSSL through netty-tcnative) where its native library loads, else the
     * JDK's. Measured here streaming 1 GB, the JDK engine cost several times PgBouncer's CPU per MB. The JVM property
     * {@code pgaw.tls.engine=jdk} keeps the JDK's (for comparison, or should the native library misbehave).
     */
    static final SslProvider SERVER_ENGINE = serverEngine();

    private static SslProvider serverEngine() {
        if ("jdk".equals(System.getProperty("pgaw.tls.engine", "openssl").toLowerCase(Locale.ROOT))) {
            return SslProvider.JDK;
        }
        try {
            return OpenSsl.isAvailable() && OpenSsl.supportsKeyManagerFactory() ? SslProvider.OPENSSL : SslProvider.JDK;
        } catch (LinkageError e) {
            return SslProvider.JDK;
        }
    }

    /** "OpenSSL" or "JDK", for the start-up log. */
    public static String serverEngineName() {
        return SERVER_ENGINE == SslProvider.OPENSSL ? "OpenSSL " + OpenSsl.versionString() : "JDK";
    }

    static SslContext server(ServerIdentity identity) {
        try {
            return SslContextBuilder.forServer(identity.key(), identity.chain().toArray(X509Certificate[]::new))
                    // The key store only lives in memory; PKCS#12's deliberate PBKDF2 cost bought nothing and took
                    // seconds of CPU at every start and reload on a busy two-core host.
                    .keyStoreType("JKS")
                    .sslProvider(SERVER_ENGINE)
                    .protocols(PROTOCOLS)
                    .ciphers(CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                    .applicationProtocolConfig(ALPN)
                    .build();
        } catch (SSLException | RuntimeException e) {
            throw new TlsMaterialException("the TLS library refused the certificate " + identity.describe() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Client side (towards PostgreSQL): {@code withTrust} is {@code forClient()} with its trust manager already set. */
    static SslContext client(SslContextBuilder withTrust) throws SSLException {
        return withTrust.sslProvider(SslProvider.JDK)
                .protocols(PROTOCOLS)
                .ciphers(CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                .applicationProtocolConfig(ALPN)
                .build();
    }
}
