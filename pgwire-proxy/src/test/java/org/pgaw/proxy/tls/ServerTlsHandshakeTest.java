package org.pgaw.proxy.tls;

import org.pgaw.proxy.testing.Program;
import org.pgaw.proxy.testing.NeedsPrograms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBufAllocator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pgaw.proxy.config.ServerTlsConfig;
import org.pgaw.proxy.it.support.Proc;

/** Real handshakes over loopback against ServerTls's context: key formats, protocol versions, ALPN. */
class ServerTlsHandshakeTest {
    private static TestPki pki;
    private static TestPki.Issued ecCert;

    @TempDir
    Path dir;

    private ServerTls tls;
    private TlsEchoServer server;

    @BeforeAll
    static void issue() {
        pki = TestPki.create();
        ecCert = pki.issue(TestPki.KeyType.EC, "localhost", "127.0.0.1");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (tls != null) {
            tls.close();
        }
    }

    @ParameterizedTest(name = "{0} key as {1}")
    @CsvSource({"RSA, TRADITIONAL", "RSA, PKCS8", "EC, TRADITIONAL", "EC, PKCS8"})
    void servesLetsEncryptFilesWithEveryKeyFormat(TestPki.KeyType type, TestPki.KeyFormat format) throws Exception {
        TestPki.Issued cert = type == TestPki.KeyType.EC ? ecCert : pki.issue(type, "localhost", "127.0.0.1");
        start(cert, format);

        for (String host : List.of("localhost", "127.0.0.1")) {
            try (SSLSocket client = TlsClients.connect(server.port(), pki.rootCertificate(), host, null)) {
                assertThat(TlsClients.servedSerial(client)).isEqualTo(cert.serial());
                assertThat(client.getSession().getPeerCertificates()).hasSize(2); // fullchain: server + intermediate
                assertThat(TlsClients.echo(client, "hello")).isEqualTo("hello");
            }
        }
        assertThat(tls.serial()).isEqualTo(cert.serial());
        assertThat(tls.selfSigned()).isFalse();
    }

    @Test
    void enablesOnlyTls12And13() throws Exception {
        start(ecCert, TestPki.KeyFormat.PKCS8);
        SSLEngine engine = tls.context().newEngine(ByteBufAllocator.DEFAULT);
        // The OpenSSL engine also lists "SSLv2Hello", a hello format, not a protocol: BoringSSL never accepts it.
        assertThat(engine.getEnabledProtocols()).filteredOn(p -> !p.equals("SSLv2Hello"))
                .containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");

        for (String version : List.of("TLSv1.2", "TLSv1.3")) {
            try (SSLSocket client = TlsClients.connect(server.port(), pki.rootCertificate(), "localhost",
                    new String[] {version})) {
                assertThat(client.getSession().getProtocol()).isEqualTo(version);
            }
        }
    }

    @Test
    @NeedsPrograms(Program.OPENSSL)
    void offersOnlyAeadCiphersWithForwardSecrecy() throws Exception {
        start(ecCert, TestPki.KeyFormat.PKCS8);
        assertThat(tls.context().newEngine(ByteBufAllocator.DEFAULT).getEnabledCipherSuites())
                .isNotEmpty()
                .allMatch(suite -> suite.contains("GCM") || suite.contains("CHACHA20"))
                .allMatch(suite -> suite.startsWith("TLS_AES") || suite.startsWith("TLS_CHACHA20") || suite.contains("ECDHE"));
        Openssl.Result cbc = Openssl.sClient(server.port(), "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA");
        assertThat(cbc.exitCode()).as(cbc.output()).isNotZero();
        assertThat(cbc.output()).contains("handshake failure");
    }

    /** The JDK client cannot even offer TLS 1.1 any more, so an OpenSSL client asks for it (and for 1.2 as a control). */
    @Test
    @NeedsPrograms(Program.OPENSSL)
    void refusesTls11FromOpenssl() throws Exception {
        start(ecCert, TestPki.KeyFormat.PKCS8);

        Openssl.Result modern = Openssl.sClient(server.port(), "-tls1_2");
        assertThat(modern.exitCode()).as(modern.output()).isZero();
        assertThat(modern.output()).contains("Protocol  : TLSv1.2");

        Openssl.Result old = Openssl.sClient(server.port(), "-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0");
        assertThat(old.exitCode()).as(old.output()).isNotZero();
        assertThat(old.output()).contains("alert protocol version").contains("Cipher is (NONE)");
    }

    @Test
    @NeedsPrograms(Program.OPENSSL)
    void negotiatesAlpnPostgresqlWhenOffered() throws Exception {
        start(ecCert, TestPki.KeyFormat.PKCS8);
        try (SSLSocket client = TlsClients.connect(server.port(), pki.rootCertificate(), "localhost", null,
                "postgresql")) {
            assertThat(client.getApplicationProtocol()).isEqualTo("postgresql");
            assertThat(TlsClients.echo(client, "direct")).isEqualTo("direct");
        }
        // OpenSSL is what libpq 17 uses for sslnegotiation=direct.
        Openssl.Result direct = Openssl.sClient(server.port(), "-alpn", "postgresql");
        assertThat(direct.output()).as(direct.output()).contains("ALPN protocol: postgresql");
    }

    @Test
    void completesHandshakesWithoutAlpn() throws Exception {
        start(ecCert, TestPki.KeyFormat.PKCS8);
        try (SSLSocket client = TlsClients.connect(server.port(), pki.rootCertificate(), "localhost", null)) {
            assertThat(client.getApplicationProtocol()).isEmpty(); // libpq 16 and older send no ALPN
            assertThat(TlsClients.echo(client, "old libpq")).isEqualTo("old libpq");
        }
        try (SSLSocket client = TlsClients.connect(server.port(), pki.rootCertificate(), "localhost", null, "h2")) {
            assertThat(client.getApplicationProtocol()).isEmpty(); // NO_ADVERTISE: no fatal alert, just no ALPN answer
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCaRefusesTheServer() throws Exception {
        start(ecCert, TestPki.KeyFormat.PKCS8);
        assertThatThrownBy(() -> TlsClients.connect(server.port(), TestPki.create("stranger").rootCertificate(), "localhost",
                null).close())
                .isInstanceOf(SSLHandshakeException.class);
        assertThatThrownBy(() -> TlsClients.connect(server.port(), pki.rootCertificate(), "other.example", null).close())
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("other.example");
    }

    @Test
    void refusesToStartWithBadFilesAndSaysWhy() {
        TestPki.ServerFiles files = ecCert.writeTo(dir);
        assertThatThrownBy(() -> ServerTls.start(config(dir.resolve("nope.pem"), files.privkey())))
                .isInstanceOf(TlsMaterialException.class)
                .hasMessageContaining("nope.pem does not exist");
        assertThatThrownBy(() -> ServerTls.start(config(files.fullchain(), null)))
                .hasMessageContaining("TLS needs both tls.cert_chain and tls.private_key");
        TestPki.ServerFiles other = pki.issue(TestPki.KeyType.EC, "localhost").writeTo(dir.resolve("other"));
        assertThatThrownBy(() -> ServerTls.start(config(files.fullchain(), other.privkey())))
                .hasMessageContaining("does not belong to the certificate");
    }

    private void start(TestPki.Issued cert, TestPki.KeyFormat format) throws InterruptedException {
        LetsEncryptDir letsEncrypt = LetsEncryptDir.create(dir, "db.example.org");
        letsEncrypt.deploy(cert, format);
        tls = ServerTls.start(config(letsEncrypt.fullchain(), letsEncrypt.privkey()));
        server = new TlsEchoServer(tls::context);
    }

    static ServerTlsConfig config(Path chain, Path key) {
        return new ServerTlsConfig(chain, key, false, Duration.ZERO, "localhost");
    }

    /** openssl s_client, the TLS client libpq is built on. */
    static final class Openssl {
        record Result(int exitCode, String output) { }

        static Result sClient(int port, String... options) throws Exception {
            List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port,
                    "-servername", "localhost"));
            command.addAll(List.of(options));
            // Empty stdin: s_client ends after the handshake; Proc kills it after 10 s if it does not.
            Proc.Result r = Proc.of(command).timeout(java.time.Duration.ofSeconds(10)).run();
            return new Result(r.exit(), r.stdout() + r.stderr());
        }
    }
}
