package org.pgaw.proxy.tls;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What the proxy presents to clients: a certificate chain (server certificate first) and the matching private key.
 * The constructor refuses a key that does not belong to the certificate, so a half-finished renewal can never be served.
 */
record ServerIdentity(List<X509Certificate> chain, PrivateKey key) {

    public ServerIdentity {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new TlsMaterialException("a TLS identity needs at least one certificate");
        }
        requireMatchingKey(chain.get(0).getPublicKey(), key);
    }

    /** Parses and cross-checks a PEM chain and key. */
    static ServerIdentity fromPem(byte[] chainPem, Path chainFile, byte[] keyPem, Path keyFile) {
        List<X509Certificate> chain = PemFiles.certificates(chainPem, chainFile);
        PrivateKey key = PemFiles.privateKey(keyPem, keyFile);
        try {
            return new ServerIdentity(chain, key);
        } catch (TlsMaterialException e) {
            throw new TlsMaterialException(keyFile + " and " + chainFile + ": " + e.getMessage());
        }
    }

    X509Certificate certificate() {
        return chain.get(0);
    }

    BigInteger serial() {
        return certificate().getSerialNumber();
    }

    /** Problems a client may complain about but that must not stop the proxy (an expired certificate still encrypts). */
    List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        try {
            certificate().checkValidity();
        } catch (CertificateExpiredException e) {
            warnings.add("the TLS certificate " + describe() + " has EXPIRED; clients using sslmode=verify-full will refuse it. "
                    + "Renew it (certbot renew) and the proxy picks up the new files by itself");
        } catch (CertificateNotYetValidException e) {
            warnings.add("the TLS certificate " + describe() + " is not valid before " + certificate().getNotBefore().toInstant()
                    + "; check the server clock");
        }
        return warnings;
    }

    /** Never the key: some JDK key classes print their private exponent in toString(). */
    @Override
    public String toString() {
        return "ServerIdentity" + describe();
    }

    /** For logs: subject, serial and expiry. */
    String describe() {
        X509Certificate cert = certificate();
        return "'" + cert.getSubjectX500Principal().getName() + "' (serial " + cert.getSerialNumber().toString(16)
                + ", valid until " + cert.getNotAfter().toInstant() + ")";
    }

    /** SHA-256 of the server certificate, colon-separated hex, as {@code openssl x509 -fingerprint -sha256} prints it. */
    String sha256Fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate().getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** Proves possession: a signature made with the key must verify with the certificate's public key. */
    private static void requireMatchingKey(PublicKey certKey, PrivateKey key) {
        if (!certKey.getAlgorithm().equals(key.getAlgorithm())) {
            throw new TlsMaterialException("the private key does not belong to the certificate: the key is "
                    + key.getAlgorithm() + ", the certificate's key is " + certKey.getAlgorithm());
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            default -> throw new TlsMaterialException("unsupported key type " + key.getAlgorithm() + "; use an RSA or ECDSA key");
        };
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certKey);
            verifier.update(challenge);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new TlsMaterialException("the private key does not belong to the certificate "
                    + "(were the files of two different certificates mixed up?)");
        }
    }
}
