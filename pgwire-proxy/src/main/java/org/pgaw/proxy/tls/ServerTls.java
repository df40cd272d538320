package org.pgaw.proxy.tls;

import io.netty.handler.ssl.SslContext;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.pgaw.proxy.config.ServerTlsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server TLS towards clients: the SslContext for the next handshake.
 *
 * <p>With certificate files configured, they are checked every {@code reloadInterval}; changed contents that form a
 * valid pair (certbot renew) replace the context atomically, so new handshakes get the new certificate while existing
 * connections keep the SslHandler (and certificate) they were made with. A changed pair that is unreadable, not PEM, or
 * whose key does not match is logged once and the previous certificate stays in service.
 *
 * <p>Without files, a self-signed certificate is generated so that the demo works out of the box.
 */
public final class ServerTls implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServerTls.class);

    /** Checks more often than this would only burn CPU re-reading unchanged files. */
    static final Duration MIN_RELOAD_INTERVAL = Duration.ofMillis(50);

    private final CertificateFiles files; // null when self-signed
    private final ScheduledExecutorService reloader; // null when there is nothing to watch
    private volatile Served current;
    private String lastProblem; // guarded by this; the last failure logged, so a broken file is reported once

    private record Served(ServerIdentity identity, SslContext context) { }

    private ServerTls(CertificateFiles files, Served initial, Duration reloadInterval) {
        this.files = files;
        this.current = initial;
        if (files != null && reloadInterval != null && !reloadInterval.isZero() && !reloadInterval.isNegative()) {
            long millis = Math.max(MIN_RELOAD_INTERVAL.toMillis(), reloadInterval.toMillis());
            this.reloader = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "pgaw-tls-reload");
                t.setDaemon(true);
                return t;
            });
            reloader.scheduleWithFixedDelay(this::reloadQuietly, millis, millis, TimeUnit.MILLISECONDS);
        } else {
            this.reloader = null;
        }
    }

    /**
     * Loads the configured certificate (or generates a self-signed one) and starts watching the files.
     *
     * @throws TlsMaterialException when the configured files cannot be used at start; the message says why
     */
    public static ServerTls start(ServerTlsConfig config) {
        Objects.requireNonNull(config, "config");
        if (config.certChain() == null && config.privateKey() == null) {
            ServerIdentity identity = SelfSigned.generate(config.selfSignedName());
            log.warn("No TLS certificate configured: using a generated SELF-SIGNED certificate {}, SHA-256 fingerprint {}. "
                    + "Clients can connect with sslmode=require; sslmode=verify-full will fail. Configure tls.cert_chain "
                    + "and tls.private_key (e.g. Let's Encrypt's fullchain.pem and privkey.pem) for real use.",
                    identity.describe(), identity.sha256Fingerprint());
            return new ServerTls(null, serve(identity), null);
        }
        if (!config.hasFiles()) {
            String configured = config.certChain() != null
                    ? "tls.cert_chain (" + config.certChain() + ")" : "tls.private_key (" + config.privateKey() + ")";
            throw new TlsMaterialException("TLS needs both tls.cert_chain and tls.private_key; only " + configured
                    + " is configured");
        }
        CertificateFiles files = new CertificateFiles(config.certChain(), config.privateKey());
        CertificateFiles.Contents contents = files.read();
        files.changedSinceLastSeen(contents);
        ServerIdentity identity = files.parse(contents);
        identity.warnings().forEach(log::warn);
        ServerTls tls = new ServerTls(files, serve(identity), config.reloadInterval());
        log.info("TLS certificate {} loaded from {}; {}", identity.describe(), files.chainFile(), tls.reloader == null
                ? "renewals are NOT picked up automatically (no reload interval)"
                : "checking for renewals every " + config.reloadInterval().toMillis() + " ms");
        return tls;
    }

    /** The context for the next handshake: {@code context().newHandler(alloc)}. */
    public SslContext context() {
        return current.context();
    }

    /** The certificate new handshakes present (server certificate of the chain). */
    public X509Certificate certificate() {
        return current.identity().certificate();
    }

    /** Serial number of {@link #certificate()}: for health/metrics and for tests that watch a renewal happen. */
    public BigInteger serial() {
        return current.identity().serial();
    }

    /** True when no certificate was configured and a generated one is in use. */
    public boolean selfSigned() {
        return files == null;
    }

    /**
     * Checks the files now (the reload thread calls this on its own schedule). Returns true when a new certificate was
     * taken into service. Never throws for bad files: they are logged and the current certificate stays.
     */
    public synchronized boolean reloadIfChanged() {
        if (files == null) {
            return false;
        }
        try {
            CertificateFiles.Contents contents = files.read();
            if (!files.changedSinceLastSeen(contents)) {
                lastProblem = null; // readable again, and still what we serve or what we already refused
                return false;
            }
            ServerIdentity identity = files.parse(contents);
            lastProblem = null;
            if (identity.chain().equals(current.identity().chain())) {
                return false; // back to the pair in service after a refused change: nothing to swap
            }
            Served next = serve(identity);
            identity.warnings().forEach(log::warn);
            BigInteger oldSerial = serial();
            current = next;
            log.info("TLS certificate reloaded from {}: now serving {} (previous serial {})", files.chainFile(),
                    identity.describe(), oldSerial.toString(16));
            return true;
        } catch (TlsMaterialException e) {
            if (!e.getMessage().equals(lastProblem)) {
                lastProblem = e.getMessage();
                log.warn("TLS certificate NOT reloaded, still serving {}: {}", current.identity().describe(), e.getMessage());
            }
            return false;
        }
    }

    private void reloadQuietly() {
        try {
            reloadIfChanged();
        } catch (RuntimeException e) {
            // An exception would silently cancel the scheduled task and stop all future renewals.
            log.error("unexpected failure while checking the TLS certificate files; will retry", e);
        }
    }

    private static Served serve(ServerIdentity identity) {
        return new Served(identity, TlsContexts.server(identity));
    }

    @Override
    public void close() {
        if (reloader != null) {
            reloader.shutdownNow();
        }
    }
}
