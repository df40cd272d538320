package org.pgaw.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgaw.proxy.ProxyServer;
import org.pgaw.proxy.config.GuardConfig;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.config.ProxyConfig;
import org.pgaw.proxy.config.ServerTlsConfig;
import org.pgaw.proxy.testing.TestPostgres;
import org.pgaw.proxy.testing.WireClient;
import org.pgaw.proxy.tls.TestPki;

/** TLS at the proxy's front door: negotiated, direct (PostgreSQL 17), required, and cancel inside TLS. */
class TlsSessionTest {
    @TempDir
    static Path dir;
    private static ProxyServer proxy;
    private static SSLContext clientTls;

    @BeforeAll
    static void start() throws Exception {
        TestPki pki = TestPki.create("session");
        TestPki.ServerFiles files = pki.issue(TestPki.KeyType.EC, "localhost", "127.0.0.1").writeTo(dir);
        proxy = ProxyServer.start(ProxyConfig.defaults().withAdmin(null)
                .withListen(new HostPort("127.0.0.1", 0)).withBackend(TestPostgres.address())
                .withTls(new ServerTlsConfig(files.fullchain(), files.privkey(), true, Duration.ofSeconds(10), "localhost"))
                .withGuard(new GuardConfig(false, GuardConfig.GuardLimits.defaults(), List.of(), List.of())));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", pki.rootCertificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, tmf.getTrustManagers(), null);
        assertThat(Files.exists(files.ca())).isTrue();
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    private static SSLSocket wrap(Socket plain, String... alpn) throws Exception {
        SSLSocket s = (SSLSocket) clientTls.getSocketFactory().createSocket(plain, "localhost", plain.getPort(), true);
        SSLParameters p = s.getSSLParameters();
        p.setServerNames(List.of(new SNIHostName("localhost")));
        p.setEndpointIdentificationAlgorithm("HTTPS");
        if (alpn.length > 0) p.setApplicationProtocols(alpn);
        s.setSSLParameters(p);
        s.setSoTimeout(10_000);
        s.startHandshake();
        return s;
    }

    private static Socket connect() throws Exception {
        Socket s = new Socket("127.0.0.1", proxy.address().getPort());
        s.setSoTimeout(10_000);
        return s;
    }

    /** Startup over the given streams up to ReadyForQuery; returns "R...Z" tags. */
    private static String login(OutputStream out, DataInputStream in) throws Exception {
        out.write(WireClient.startup("postgres", "postgres"));
        out.flush();
        StringBuilder tags = new StringBuilder();
        int tag;
        do {
            tag = in.read();
            int len = in.readInt();
            in.readFully(new byte[len - 4]);
            tags.append((char) tag);
        } while (tag != 'Z' && tag != 'E');
        return tags.toString();
    }

    @Test
    void sslRequestThenTlsThenStartupWorksAndVerifiesTheCertificate() throws Exception {
        try (Socket plain = connect()) {
            plain.getOutputStream().write(WireClient.sslRequest());
            assertThat(plain.getInputStream().read()).isEqualTo('S');
            try (SSLSocket tls = wrap(plain)) {
                assertThat(tls.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
                assertThat(login(tls.getOutputStream(), new DataInputStream(tls.getInputStream()))).endsWith("Z");
            }
        }
    }

    @Test
    void directTlsWithAlpnPostgresqlWorks() throws Exception {
        try (Socket plain = connect(); SSLSocket tls = wrap(plain, "postgresql")) {
            assertThat(tls.getApplicationProtocol()).isEqualTo("postgresql");
            assertThat(login(tls.getOutputStream(), new DataInputStream(tls.getInputStream()))).endsWith("Z");
        }
    }

    @Test
    void directTlsWithoutAlpnIsClosed() throws Exception {
        try (Socket plain = connect(); SSLSocket tls = wrap(plain)) {
            assertThat(tls.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void plaintextStartupIsRefusedWhenTlsIsRequired() throws Exception {
        try (WireClient c = new WireClient(proxy.address())) {
            c.send(WireClient.startup("postgres", "postgres"));
            WireClient.Message e = c.read();
            assertThat(e.fields()).containsEntry('S', "FATAL").containsEntry('C', "28000");
            assertThat(e.fields().get('M')).contains("sslmode=require");
        }
    }

    @Test
    void aCancelRequestInsideTlsIsForwarded() throws Exception {
        try (Socket plain = connect()) {
            plain.getOutputStream().write(WireClient.sslRequest());
            assertThat(plain.getInputStream().read()).isEqualTo('S');
            try (SSLSocket tls = wrap(plain)) {
                OutputStream out = tls.getOutputStream();
                DataInputStream in = new DataInputStream(tls.getInputStream());
                out.write(WireClient.startup("postgres", "postgres"));
                int pid = 0;
                int secret = 0;
                int tag;
                do {
                    tag = in.read();
                    int len = in.readInt();
                    byte[] body = new byte[len - 4];
                    in.readFully(body);
                    if (tag == 'K') {
                        pid = java.nio.ByteBuffer.wrap(body).getInt(0);
                        secret = java.nio.ByteBuffer.wrap(body).getInt(4);
                    }
                } while (tag != 'Z');
                out.write(WireClient.query("SELECT pg_sleep(30)"));
                Thread.sleep(300);
                try (Socket cancelPlain = connect()) {
                    cancelPlain.getOutputStream().write(WireClient.sslRequest());
                    assertThat(cancelPlain.getInputStream().read()).isEqualTo('S');
                    try (SSLSocket cancel = wrap(cancelPlain)) {
                        cancel.getOutputStream().write(WireClient.cancelRequest(pid, secret));
                        cancel.getOutputStream().flush();
                        assertThat(cancel.getInputStream().read()).as("closed after the cancel").isEqualTo(-1);
                    }
                }
                String code = null;
                do {
                    tag = in.read();
                    int len = in.readInt();
                    byte[] body = new byte[len - 4];
                    in.readFully(body);
                    if (tag == 'E') code = new WireClient.Message('E', body).fields().get('C');
                } while (tag != 'Z');
                assertThat(code).isEqualTo("57014");
            }
        }
    }
}
