package org.pgaw.proxy.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A throw-away PKI for tests, shaped like Let's Encrypt's: a root CA, an intermediate CA, and server certificates
 * issued by the intermediate. {@code fullchain.pem} holds server certificate + intermediate (what certbot writes),
 * {@code ca.pem} holds the root (what a client passes as {@code sslrootcert} for {@code sslmode=verify-full}).
 *
 * <pre>{@code
 * TestPki pki = TestPki.create();
 * TestPki.ServerFiles files = pki.issue(TestPki.KeyType.EC, "localhost", "127.0.0.1").writeTo(tempDir);
 * // proxy:  new ServerTlsConfig(files.fullchain(), files.privkey(), false, Duration.ofSeconds(10), "localhost")
 * // psql:   "host=127.0.0.1 port=... sslmode=verify-full sslrootcert=" + files.ca()
 * // pgjdbc: "jdbc:postgresql://127.0.0.1:.../db?sslmode=verify-full&sslrootcert=" + files.ca()
 * // PostgreSQL server: ssl=on, ssl_cert_file=files.fullchain(), ssl_key_file=files.privkey() (mode 0600)
 * }</pre>
 *
 * Names given to {@link #issue} go into subjectAltName (IP literals as IP entries); the first one is also the CN.
 * Keys are generated fresh each time (EC P-256 or RSA 2048). Everything is in memory until written.
 */
public final class TestPki {
    public enum KeyType { RSA, EC }

    /** How privkey.pem is written: TRADITIONAL is PKCS#1 for RSA / SEC1 for EC (openssl's classic form), or PKCS#8. */
    public enum KeyFormat { TRADITIONAL, PKCS8 }

    /** Paths written by {@link Issued#writeTo}. */
    public record ServerFiles(Path fullchain, Path privkey, Path ca) { }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair rootKeys;
    private final X509Certificate root;
    private final KeyPair intermediateKeys;
    private final X509Certificate intermediate;

    private TestPki(String label) {
        rootKeys = generate(KeyType.EC);
        root = sign(new X500Name("CN=" + label + " root CA"), rootKeys.getPublic(), null, rootKeys, true,
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(3650)), List.of());
        intermediateKeys = generate(KeyType.EC);
        intermediate = sign(new X500Name("CN=" + label + " intermediate CA"), intermediateKeys.getPublic(), root, rootKeys,
                true, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(3650)), List.of());
    }

    /** A new root + intermediate CA. */
    public static TestPki create() {
        return new TestPki("pgaw test");
    }

    /** A new root + intermediate CA whose names carry {@code label} (to tell two PKIs apart in error messages). */
    public static TestPki create(String label) {
        return new TestPki(label);
    }

    public X509Certificate rootCertificate() {
        return root;
    }

    /** Writes the root certificate as PEM; returns {@code file}. */
    public Path writeCa(Path file) {
        writeString(file, pem(List.of(root)));
        return file;
    }

    /** A server certificate valid from an hour ago for 90 days (Let's Encrypt's lifetime). */
    public Issued issue(KeyType type, String... names) {
        Instant now = Instant.now();
        return issue(type, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(90)), names);
    }

    /** A server certificate with the given validity window (e.g. one that already expired). */
    public Issued issue(KeyType type, Instant notBefore, Instant notAfter, String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("at least one host name or IP address");
        }
        KeyPair keys = generate(type);
        X509Certificate cert = sign(new X500Name("CN=" + names[0]), keys.getPublic(), intermediate, intermediateKeys, false,
                notBefore, notAfter, List.of(names));
        return new Issued(List.of(cert, intermediate), keys);
    }

    /** One issued server certificate with its key. */
    public final class Issued {
        private final List<X509Certificate> chain;
        private final KeyPair keys;

        private Issued(List<X509Certificate> chain, KeyPair keys) {
            this.chain = chain;
            this.keys = keys;
        }

        /** Server certificate first, then the intermediate: fullchain.pem's order. */
        public List<X509Certificate> chain() {
            return chain;
        }

        public X509Certificate certificate() {
            return chain.get(0);
        }

        public BigInteger serial() {
            return certificate().getSerialNumber();
        }

        public PrivateKey privateKey() {
            return keys.getPrivate();
        }

        public String fullchainPem() {
            return pem(chain);
        }

        public String privkeyPem(KeyFormat format) {
            return keyPem(keys, format);
        }

        /** fullchain.pem, privkey.pem (PKCS#8, mode 0600) and ca.pem (the root) into {@code dir}. */
        public ServerFiles writeTo(Path dir) {
            return writeTo(dir, KeyFormat.PKCS8);
        }

        public ServerFiles writeTo(Path dir, KeyFormat format) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path fullchain = dir.resolve("fullchain.pem");
            Path privkey = dir.resolve("privkey.pem");
            writeString(fullchain, fullchainPem());
            writeString(privkey, privkeyPem(format));
            ownerOnly(privkey); // PostgreSQL refuses a key file readable by others
            return new ServerFiles(fullchain, privkey, writeCa(dir.resolve("ca.pem")));
        }
    }

    static String pem(List<?> objects) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (Object o : objects) {
                writer.writeObject(o);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * TRADITIONAL: "RSA PRIVATE KEY" (PKCS#1) or "EC PRIVATE KEY" (SEC1, with curve and public key, as openssl writes it);
     * PKCS8: "PRIVATE KEY".
     */
    static String keyPem(KeyPair keys, KeyFormat format) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            if (format == KeyFormat.PKCS8) {
                writer.writeObject(new JcaPKCS8Generator(keys.getPrivate(), null));
            } else if (keys.getPrivate().getAlgorithm().equals("EC")) {
                writer.writeObject(new PemObject("EC PRIVATE KEY", sec1(keys)));
            } else {
                writer.writeObject(keys.getPrivate());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The JDK's PKCS#8 encoding keeps the curve outside the inner SEC1 structure; openssl's SEC1 carries both inside. */
    private static byte[] sec1(KeyPair keys) throws IOException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
        ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
        ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
        DERBitString publicPoint = new DERBitString(SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()).getPublicKeyData().getOctets());
        int orderBits = ((java.security.interfaces.ECPrivateKey) keys.getPrivate()).getParams().getOrder().bitLength();
        return new ECPrivateKey(orderBits, inner.getKey(), publicPoint, curve).getEncoded();
    }

    static KeyPair generate(KeyType type) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(type == KeyType.RSA ? "RSA" : "EC");
            if (type == KeyType.RSA) {
                generator.initialize(2048, RANDOM);
            } else {
                generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(X500Name subject, java.security.PublicKey subjectKey, X509Certificate issuer,
                                        KeyPair issuerKeys, boolean ca, Instant notBefore, Instant notAfter,
                                        List<String> names) {
        try {
            X500Name issuerName = issuer == null ? subject : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                    new BigInteger(127, RANDOM).setBit(126), Date.from(notBefore), Date.from(notAfter), subject, subjectKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(ca))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            utils.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
            if (ca) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                List<GeneralName> alt = new ArrayList<>();
                for (String n : names) {
                    alt.add(new GeneralName(HostNames.isIpLiteral(n) ? GeneralName.iPAddress : GeneralName.dNSName, n));
                }
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alt.toArray(GeneralName[]::new)));
            }
            String algorithm = issuerKeys.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue test certificate: " + e.getMessage(), e);
        }
    }

    static void writeString(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void ownerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
