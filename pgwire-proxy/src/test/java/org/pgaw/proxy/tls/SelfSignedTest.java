package org.pgaw.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.pgaw.proxy.config.ServerTlsConfig;

/** With no certificate configured the proxy still encrypts, with a generated certificate that names itself. */
class SelfSignedTest {

    @Test
    void theDefaultsServeAGeneratedCertificate() throws Exception {
        try (ServerTls tls = ServerTls.start(ServerTlsConfig.defaults());
             TlsEchoServer server = new TlsEchoServer(tls::context)) {
            assertThat(tls.selfSigned()).isTrue();
            X509Certificate cert = tls.certificate();

            // sslmode=require: no verification, encrypted all the same.
            try (SSLSocket client = TlsClients.connect(server.port())) {
                assertThat(TlsClients.servedSerial(client)).isEqualTo(tls.serial());
                assertThat(TlsClients.echo(client, "demo")).isEqualTo("demo");
            }
            // A client told to trust exactly this certificate can even verify the names.
            for (String host : List.of("localhost", "127.0.0.1")) {
                try (SSLSocket client = TlsClients.connect(server.port(), cert, host, null, "postgresql")) {
                    assertThat(client.getApplicationProtocol()).isEqualTo("postgresql");
                }
            }
            assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("EC");
            assertThat(cert.getNotAfter().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(360)));
            assertThat(cert.getSubjectX500Principal().getName()).contains("CN=localhost");
        }
    }

    @Test
    void namesTheConfiguredHost() throws Exception {
        ServerIdentity identity = SelfSigned.generate("sql.school.example");
        List<Object> names = identity.certificate().getSubjectAlternativeNames().stream()
                .map(entry -> entry.get(1)).map(Object.class::cast).toList();
        assertThat(names).containsExactly("sql.school.example", "localhost", "127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(identity.sha256Fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(SelfSigned.generate("sql.school.example").serial()).isNotEqualTo(identity.serial());
    }
}
