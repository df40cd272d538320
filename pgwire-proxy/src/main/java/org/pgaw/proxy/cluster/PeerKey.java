package org.pgaw.proxy.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The key every proxy of one deployment shares (cluster.secret_file), used for HMAC-SHA256 only. */
public final class PeerKey {
    static final int MIN_BYTES = 32;
    static final int MAC_BYTES = 32;
    private final SecretKeySpec key;

    PeerKey(byte[] secret) {
        if (secret.length < MIN_BYTES) {
            throw new IllegalArgumentException("the shared key has " + secret.length + " bytes; at least " + MIN_BYTES
                    + " are needed (e.g. openssl rand -base64 48 > FILE)");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** The file's bytes without surrounding white space (a trailing newline from echo or an editor is not key). */
    public static PeerKey fromFile(Path file) {
        try {
            String text = Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1).strip();
            return new PeerKey(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read cluster.secret_file " + file + ": " + e.getMessage(), e);
        }
    }

    byte[] mac(byte[] data, int length) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            m.update(data, 0, length);
            return m.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** Constant time: how much of the MAC is right never shows in how long the check takes. */
    boolean verify(byte[] data, int length, byte[] mac) {
        return MessageDigest.isEqual(mac(data, length), mac);
    }

    static byte[] copy(byte[] a, int from, int to) { return Arrays.copyOfRange(a, from, to); }
}
