package org.pgaw.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PEM parsing and the operator-facing errors for every way a certificate or key file can be wrong. */
class PemFilesTest {
    /** What `openssl ecparam -genkey -name prime256v1` puts before the key. */
    private static final String EC_PARAMETERS = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n";

    /** Only to write encrypted keys (the JDK lacks OpenSSL's key derivation); the proxy itself never registers it. */
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private static TestPki pki;
    private static TestPki.Issued rsa;
    private static TestPki.Issued ec;

    @TempDir
    Path dir;

    @BeforeAll
    static void issue() {
        pki = TestPki.create();
        rsa = pki.issue(TestPki.KeyType.RSA, "localhost");
        ec = pki.issue(TestPki.KeyType.EC, "localhost");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"RSA, TRADITIONAL, RSA PRIVATE KEY", "RSA, PKCS8, BEGIN PRIVATE KEY",
                "EC, TRADITIONAL, EC PRIVATE KEY", "EC, PKCS8, BEGIN PRIVATE KEY"})
    void readsEveryUnencryptedKeyFormat(TestPki.KeyType type, TestPki.KeyFormat format, String header) {
        TestPki.Issued cert = type == TestPki.KeyType.RSA ? rsa : ec;
        String pem = cert.privkeyPem(format);
        assertThat(pem).contains(header);

        ServerIdentity identity = ServerIdentity.fromPem(cert.fullchainPem().getBytes(StandardCharsets.US_ASCII),
                Path.of("fullchain.pem"), pem.getBytes(StandardCharsets.US_ASCII), Path.of("privkey.pem"));

        assertThat(identity.key().getAlgorithm()).isEqualTo(type.name());
        assertThat(secret(identity.key())).isEqualTo(secret(cert.privateKey()));
        assertThat(identity.serial()).isEqualTo(cert.serial());
        assertThat(identity.warnings()).isEmpty();
    }

    @Test
    void keepsTheWholeChainInFileOrder() {
        assertThat(PemFiles.certificates(bytes(ec.fullchainPem()), Path.of("fullchain.pem")))
                .containsExactlyElementsOf(ec.chain())
                .hasSize(2);
    }

    @Test
    void skipsEcParametersBeforeTheKey() {
        PrivateKey key = PemFiles.privateKey(bytes(EC_PARAMETERS + ec.privkeyPem(TestPki.KeyFormat.TRADITIONAL)),
                Path.of("privkey.pem"));
        assertThat(secret(key)).isEqualTo(secret(ec.privateKey()));
    }

    @Test
    void readsAKeyFromACombinedCertificateAndKeyFile() {
        PrivateKey key = PemFiles.privateKey(bytes(ec.fullchainPem() + ec.privkeyPem(TestPki.KeyFormat.PKCS8)),
                Path.of("combined.pem"));
        assertThat(secret(key)).isEqualTo(secret(ec.privateKey()));
    }

    @Test
    void refusesAPkcs8EncryptedKey() throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new JcaPKCS8Generator(ec.privateKey(),
                    new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setProvider(BC).setPassword("secret".toCharArray()).build()));
        }
        assertThat(out.toString()).contains("ENCRYPTED PRIVATE KEY");
        assertThatThrownBy(() -> PemFiles.privateKey(bytes(out.toString()), Path.of("/etc/x/privkey.pem")))
                .isInstanceOf(TlsMaterialException.class)
                .hasMessageContaining("/etc/x/privkey.pem is encrypted with a passphrase");
    }

    @Test
    void refusesATraditionallyEncryptedKey() throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new JcaMiscPEMGenerator(rsa.privateKey(),
                    new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(BC).build("secret".toCharArray())));
        }
        assertThat(out.toString()).contains("Proc-Type: 4,ENCRYPTED");
        assertThatThrownBy(() -> PemFiles.privateKey(bytes(out.toString()), Path.of("privkey.pem")))
                .hasMessageContaining("is encrypted with a passphrase");
    }

    @Test
    void refusesATruncatedKey() {
        String pem = rsa.privkeyPem(TestPki.KeyFormat.TRADITIONAL);
        assertThatThrownBy(() -> PemFiles.privateKey(bytes(pem.substring(0, pem.length() / 2)), Path.of("privkey.pem")))
                .isInstanceOf(TlsMaterialException.class)
                .hasMessageContaining("privkey.pem is not valid PEM (truncated or corrupted?)");
    }

    @Test
    void refusesATruncatedChain() {
        String pem = ec.fullchainPem();
        assertThatThrownBy(() -> PemFiles.certificates(bytes(pem.substring(0, pem.length() - 60)), Path.of("fullchain.pem")))
                .isInstanceOf(TlsMaterialException.class)
                .hasMessageContaining("fullchain.pem is not valid PEM");
    }

    @Test
    void refusesACertificateWithCorruptedBase64() {
        String pem = ec.fullchainPem();
        int middle = pem.indexOf('\n', 100) + 1;
        String corrupted = pem.substring(0, middle) + "AAAA" + pem.substring(middle + 4);
        assertThatThrownBy(() -> PemFiles.certificates(bytes(corrupted), Path.of("fullchain.pem")))
                .isInstanceOf(TlsMaterialException.class)
                .hasMessageContaining("fullchain.pem");
    }

    @Test
    void refusesFilesWithoutPem() {
        assertThatThrownBy(() -> PemFiles.privateKey(bytes("hello, I am not a key\n"), Path.of("privkey.pem")))
                .hasMessageContaining("privkey.pem contains no PEM private key");
        assertThatThrownBy(() -> PemFiles.certificates(new byte[] {0x30, (byte) 0x82, 0x01, 0x0a, 0, 1, 2}, Path.of("cert.der")))
                .hasMessageContaining("cert.der contains no PEM certificate");
        assertThatThrownBy(() -> PemFiles.certificates(bytes(ec.privkeyPem(TestPki.KeyFormat.PKCS8)), Path.of("swapped.pem")))
                .hasMessageContaining("swapped.pem contains no PEM certificate");
    }

    @Test
    void refusesTwoKeysInOneFile() {
        String two = ec.privkeyPem(TestPki.KeyFormat.PKCS8) + rsa.privkeyPem(TestPki.KeyFormat.PKCS8);
        assertThatThrownBy(() -> PemFiles.privateKey(bytes(two), Path.of("privkey.pem")))
                .hasMessageContaining("more than one private key");
    }

    @Test
    void refusesAKeyOfAnotherCertificate() {
        TestPki.Issued other = pki.issue(TestPki.KeyType.EC, "localhost");
        assertThatThrownBy(() -> ServerIdentity.fromPem(bytes(ec.fullchainPem()), Path.of("fullchain.pem"),
                bytes(other.privkeyPem(TestPki.KeyFormat.PKCS8)), Path.of("privkey.pem")))
                .isInstanceOf(TlsMaterialException.class)
                .hasMessageContaining("the private key does not belong to the certificate");
    }

    @Test
    void refusesAKeyOfAnotherType() {
        assertThatThrownBy(() -> new ServerIdentity(ec.chain(), rsa.privateKey()))
                .hasMessageContaining("the key is RSA, the certificate's key is EC");
    }

    @Test
    void warnsButAcceptsAnExpiredCertificate() {
        Instant now = Instant.now();
        TestPki.Issued expired = pki.issue(TestPki.KeyType.EC, now.minus(Duration.ofDays(100)), now.minus(Duration.ofDays(10)),
                "localhost");
        ServerIdentity identity = new ServerIdentity(expired.chain(), expired.privateKey());
        assertThat(identity.warnings()).singleElement().asString().contains("EXPIRED");
    }

    @Test
    void neverPrintsTheKey() {
        ServerIdentity identity = new ServerIdentity(rsa.chain(), rsa.privateKey());
        String modulus = ((java.security.interfaces.RSAPrivateCrtKey) rsa.privateKey()).getPrivateExponent().toString();
        assertThat(identity.toString()).contains(rsa.serial().toString(16)).doesNotContain(modulus);
    }

    @Test
    void explainsUnreadableFiles() throws IOException {
        assertThatThrownBy(() -> PemFiles.read(dir.resolve("missing.pem"), "certificate chain"))
                .hasMessage("certificate chain file " + dir.resolve("missing.pem")
                        + " does not exist (or is a symlink to a missing file)");

        Path dangling = Files.createSymbolicLink(dir.resolve("live.pem"), dir.resolve("archive/gone.pem"));
        assertThatThrownBy(() -> PemFiles.read(dangling, "private key")).hasMessageContaining("does not exist");

        Path empty = Files.createFile(dir.resolve("empty.pem"));
        assertThatThrownBy(() -> PemFiles.read(empty, "private key")).hasMessageContaining("empty.pem is empty");

        assertThatThrownBy(() -> PemFiles.read(dir, "private key")).hasMessageStartingWith("cannot read private key file");

        Path huge = Files.write(dir.resolve("huge.pem"), new byte[PemFiles.MAX_FILE_BYTES + 1]);
        assertThatThrownBy(() -> PemFiles.read(huge, "private key")).hasMessageContaining("is larger than");
    }

    /** The secret number of a key: encodings differ (SEC1 may carry the public key), the key must not. */
    private static java.math.BigInteger secret(PrivateKey key) {
        return key instanceof java.security.interfaces.ECPrivateKey ecKey ? ecKey.getS()
                : ((java.security.interfaces.RSAPrivateKey) key).getPrivateExponent();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

}
