package org.pgaw.proxy.tls;

import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** Plain JDK {@link SSLSocket} clients for the handshake tests: an independent TLS client, not the proxy's own code. */
final class TlsClients {
    static final int TIMEOUT_MILLIS = 5_000;

    private TlsClients() { }

    /**
     * Connects to 127.0.0.1:port and completes a handshake.
     *
     * @param trustedRoot certificate to trust, verifying the server's name as {@code host}; null trusts anything
     * @param protocols   e.g. "TLSv1.2"; none = the JDK default
     * @param alpn        protocols to offer; none = no ALPN extension at all
     */
    static SSLSocket connect(int port, X509Certificate trustedRoot, String host, String[] protocols, String... alpn)
            throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers(trustedRoot), null);
        java.net.Socket socket = new java.net.Socket();
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, host, port, true);
        SSLParameters parameters = tls.getSSLParameters();
        if (protocols != null && protocols.length > 0) {
            parameters.setProtocols(protocols);
        }
        if (alpn.length > 0) {
            parameters.setApplicationProtocols(alpn);
        }
        if (trustedRoot != null) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        return tls;
    }

    /** Trust-all client with default protocols and no ALPN, as libpq's sslmode=require. */
    static SSLSocket connect(int port) throws IOException, GeneralSecurityException {
        return connect(port, null, "localhost", null);
    }

    static BigInteger servedSerial(SSLSocket socket) throws IOException {
        return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
    }

    /** Sends a line through the echo server and returns what came back. */
    static String echo(SSLSocket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        InputStream in = socket.getInputStream();
        return new String(in.readNBytes(text.length()), StandardCharsets.UTF_8);
    }

    private static TrustManager[] trustManagers(X509Certificate trustedRoot) throws GeneralSecurityException, IOException {
        if (trustedRoot == null) {
            return InsecureTrustManagerFactory.INSTANCE.getTrustManagers();
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("root", trustedRoot);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }
}
