package org.pgaw.proxy.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads certificate chains and private keys from PEM, the format certbot (and openssl) write.
 * Every failure becomes a {@link TlsMaterialException} that names the file and the problem.
 * Uses the JDK's own key factories (no BouncyCastle provider is registered), so keys come out as the JDK's RSA/EC keys.
 */
final class PemFiles {
    /** Real chains are a few KiB; anything this large is not a certificate file. */
    static final int MAX_FILE_BYTES = 1024 * 1024;

    private PemFiles() { }

    /** The whole file, bounded in size. {@code what} names the file for the operator ("certificate chain"). */
    static byte[] read(Path file, String what) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new TlsMaterialException(what + " file " + file + " does not exist (or is a symlink to a missing file)");
        } catch (AccessDeniedException e) {
            throw new TlsMaterialException("cannot read " + what + " file " + file + ": permission denied for user '"
                    + System.getProperty("user.name") + "' (see TLS.md for the permissions certificate files need)");
        } catch (IOException e) {
            throw new TlsMaterialException("cannot read " + what + " file " + file + ": " + e.getMessage());
        }
        if (bytes.length == 0) {
            throw new TlsMaterialException(what + " file " + file + " is empty");
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new TlsMaterialException(what + " file " + file + " is larger than " + MAX_FILE_BYTES
                    + " bytes; it is not a PEM file");
        }
        return bytes;
    }

    /** All certificates in the file, in file order (fullchain.pem: the server's own certificate first). */
    static List<X509Certificate> certificates(byte[] pem, Path source) {
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        List<X509Certificate> chain = new ArrayList<>();
        try (PEMParser parser = parser(pem)) {
            Object item;
            while ((item = parser.readObject()) != null) {
                if (item instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new TlsMaterialException("certificate file " + source + " is not valid PEM (truncated or corrupted?): "
                    + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new TlsMaterialException("certificate file " + source
                    + " contains no PEM certificate (expected -----BEGIN CERTIFICATE----- blocks)");
        }
        return List.copyOf(chain);
    }

    /**
     * The one private key in the file: PKCS#1 ({@code RSA PRIVATE KEY}), SEC1 ({@code EC PRIVATE KEY}) or PKCS#8
     * ({@code PRIVATE KEY}). Encrypted keys are refused: the proxy runs unattended and cannot ask for a passphrase.
     */
    static PrivateKey privateKey(byte[] pem, Path source) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        PrivateKey found = null;
        try (PEMParser parser = parser(pem)) {
            Object item;
            while ((item = parser.readObject()) != null) {
                PrivateKey key = toPrivateKey(item, converter, source);
                if (key == null) {
                    continue; // EC PARAMETERS blocks, certificates in a combined file: not the key
                }
                if (found != null) {
                    throw new TlsMaterialException("key file " + source + " contains more than one private key");
                }
                found = key;
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof TlsMaterialException tme) {
                throw tme;
            }
            throw new TlsMaterialException("key file " + source + " is not valid PEM (truncated or corrupted?): "
                    + e.getMessage(), e);
        }
        if (found == null) {
            throw new TlsMaterialException("key file " + source + " contains no PEM private key (expected "
                    + "-----BEGIN PRIVATE KEY-----, -----BEGIN RSA PRIVATE KEY----- or -----BEGIN EC PRIVATE KEY-----)");
        }
        return found;
    }

    private static PrivateKey toPrivateKey(Object item, JcaPEMKeyConverter converter, Path source) throws IOException {
        if (item instanceof PEMEncryptedKeyPair || item instanceof PKCS8EncryptedPrivateKeyInfo) {
            throw new TlsMaterialException("key file " + source + " is encrypted with a passphrase; the proxy cannot ask "
                    + "for one. Store it unencrypted (e.g. openssl pkey -in ENCRYPTED -out privkey.pem) with mode 0600");
        }
        PrivateKeyInfo info;
        if (item instanceof PEMKeyPair pair) {
            info = pair.getPrivateKeyInfo(); // only the private part: SEC1 makes the public key optional
        } else if (item instanceof PrivateKeyInfo pkcs8) {
            info = pkcs8;
        } else {
            return null;
        }
        try {
            return converter.getPrivateKey(info);
        } catch (PEMException | RuntimeException e) {
            throw new TlsMaterialException("key file " + source + " holds a private key the JDK cannot use ("
                    + info.getPrivateKeyAlgorithm().getAlgorithm() + "): " + e.getMessage(), e);
        }
    }

    private static PEMParser parser(byte[] pem) {
        // PEM is ASCII; decoding as ISO-8859-1 keeps every byte, so binary garbage is reported by the parser, not here.
        return new PEMParser(new StringReader(new String(pem, StandardCharsets.ISO_8859_1)));
    }
}
