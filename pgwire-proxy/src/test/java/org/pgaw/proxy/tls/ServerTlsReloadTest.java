package org.pgaw.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pgaw.proxy.config.ServerTlsConfig;
import org.slf4j.LoggerFactory;

/**
 * certbot renew while clients are connected: new handshakes get the new certificate, open connections keep working,
 * and a broken or mismatched pair never replaces a good one (and is reported once, not on every check).
 */
class ServerTlsReloadTest {
    private static TestPki pki;
    private static TestPki.Issued first;
    private static TestPki.Issued renewed;

    @TempDir
    Path root;

    private LetsEncryptDir letsEncrypt;
    private ServerTls tls;
    private TlsEchoServer server;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeAll
    static void issue() {
        pki = TestPki.create();
        first = pki.issue(TestPki.KeyType.EC, "localhost");
        renewed = pki.issue(TestPki.KeyType.EC, "localhost");
    }

    @BeforeEach
    void deployFirst() {
        letsEncrypt = LetsEncryptDir.create(root, "pg.example.org");
        letsEncrypt.deploy(first, TestPki.KeyFormat.TRADITIONAL);
        logs.start();
        ((Logger) LoggerFactory.getLogger(ServerTls.class)).addAppender(logs);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(ServerTls.class)).detachAppender(logs);
        if (server != null) {
            server.close();
        }
        if (tls != null) {
            tls.close();
        }
    }

    @Test
    void aRenewalReachesNewHandshakesWhileOpenConnectionsContinue() throws Exception {
        start(Duration.ZERO); // checked by hand below, so the test does not depend on timing
        try (SSLSocket before = TlsClients.connect(server.port(), pki.rootCertificate(), "localhost", null)) {
            assertThat(TlsClients.servedSerial(before)).isEqualTo(first.serial());

            letsEncrypt.deploy(renewed, TestPki.KeyFormat.PKCS8);
            assertThat(tls.reloadIfChanged()).isTrue();
            assertThat(tls.serial()).isEqualTo(renewed.serial());

            try (SSLSocket after = TlsClients.connect(server.port(), pki.rootCertificate(), "localhost", null)) {
                assertThat(TlsClients.servedSerial(after)).isEqualTo(renewed.serial());
                assertThat(TlsClients.echo(after, "new")).isEqualTo("new");
            }
            assertThat(TlsClients.echo(before, "still here")).isEqualTo("still here");
            assertThat(TlsClients.servedSerial(before)).isEqualTo(first.serial());
        }
        assertThat(tls.reloadIfChanged()).as("unchanged files are not reloaded again").isFalse();
        assertThat(messages(Level.INFO)).anyMatch(m -> m.contains("reloaded") && m.contains(renewed.serial().toString(16)));
    }

    @Test
    void theReloadThreadPicksUpARenewalByItself() throws Exception {
        start(Duration.ofMillis(100));
        letsEncrypt.deploy(renewed, TestPki.KeyFormat.PKCS8);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos(); // generous: CI machines can be loaded
        while (!tls.serial().equals(renewed.serial()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(tls.serial()).isEqualTo(renewed.serial());
        try (SSLSocket client = TlsClients.connect(server.port(), pki.rootCertificate(), "localhost", null)) {
            assertThat(TlsClients.servedSerial(client)).isEqualTo(renewed.serial());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"truncated key", "key of another certificate", "garbage", "empty chain", "only the key renewed",
                            "encrypted-looking key", "dangling symlink"})
    void aBadRenewalIsRefusedAndTheOldCertificateKeepsBeingServed(String damage) throws Exception {
        start(Duration.ZERO);
        damages().get(damage).accept(letsEncrypt);

        assertThat(tls.reloadIfChanged()).isFalse();
        assertThat(tls.reloadIfChanged()).isFalse();
        assertThat(tls.reloadIfChanged()).isFalse();

        assertThat(tls.serial()).isEqualTo(first.serial());
        try (SSLSocket client = TlsClients.connect(server.port(), pki.rootCertificate(), "localhost", null)) {
            assertThat(TlsClients.servedSerial(client)).isEqualTo(first.serial());
        }
        List<String> warnings = messages(Level.WARN);
        assertThat(warnings).as("reported once, not on every check").hasSize(1);
        assertThat(warnings.get(0)).contains("NOT reloaded", first.serial().toString(16));

        // ...and the next good renewal still goes through.
        letsEncrypt.deploy(renewed, TestPki.KeyFormat.TRADITIONAL);
        assertThat(tls.reloadIfChanged()).isTrue();
        assertThat(tls.serial()).isEqualTo(renewed.serial());
    }

    @Test
    void puttingTheServedPairBackAfterARefusedChangeSwapsNothing() throws Exception {
        start(Duration.ZERO);
        letsEncrypt.deployRaw("garbage", "garbage");
        assertThat(tls.reloadIfChanged()).isFalse();
        letsEncrypt.deploy(first, TestPki.KeyFormat.PKCS8); // same certificate, key now written as PKCS#8
        assertThat(tls.reloadIfChanged()).isFalse();
        assertThat(tls.serial()).isEqualTo(first.serial());
        assertThat(messages(Level.INFO)).noneMatch(m -> m.contains("reloaded"));
        // A later failure is reported again: the problem was cleared when the files became usable.
        letsEncrypt.deployRaw("garbage", "garbage");
        assertThat(tls.reloadIfChanged()).isFalse();
        assertThat(messages(Level.WARN)).hasSize(2);
    }

    private java.util.Map<String, Consumer<LetsEncryptDir>> damages() {
        String key = renewed.privkeyPem(TestPki.KeyFormat.TRADITIONAL);
        return java.util.Map.of(
                "truncated key", d -> d.deployRaw(renewed.fullchainPem(), key.substring(0, key.length() / 2)),
                "key of another certificate", d -> d.deployRaw(renewed.fullchainPem(), first.privkeyPem(TestPki.KeyFormat.PKCS8)),
                "garbage", d -> d.deployRaw("<html>502 Bad Gateway</html>\n", "\u0000\u0001binary"),
                "empty chain", d -> d.deployRaw("", key),
                "only the key renewed", d -> d.replaceKeyOnly(key),
                "encrypted-looking key", d -> d.deployRaw(renewed.fullchainPem(),
                        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n"),
                "dangling symlink", d -> deleteQuietly(root.resolve("archive/pg.example.org/privkey1.pem")));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.delete(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void start(Duration reloadInterval) throws InterruptedException {
        tls = ServerTls.start(new ServerTlsConfig(letsEncrypt.fullchain(), letsEncrypt.privkey(), false, reloadInterval,
                "localhost"));
        server = new TlsEchoServer(tls::context);
        assertThat(tls.serial()).isEqualTo(first.serial());
    }

    private List<String> messages(Level level) {
        return logs.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

}
