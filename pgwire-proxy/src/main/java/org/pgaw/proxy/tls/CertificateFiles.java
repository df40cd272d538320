package org.pgaw.proxy.tls;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The configured fullchain/privkey pair and what was last seen in it. Change detection is by content: Let's Encrypt's
 * live/ files are symlinks that certbot re-points into archive/, so the link's own mtime says nothing, while reading two
 * small files every few seconds costs nothing. The bytes that were hashed are the bytes that get parsed, so a file
 * replaced between the two steps cannot slip through unnoticed.
 */
final class CertificateFiles {
    private final Path chainFile;
    private final Path keyFile;
    private byte[] lastSeen;

    CertificateFiles(Path chainFile, Path keyFile) {
        this.chainFile = chainFile;
        this.keyFile = keyFile;
    }

    Path chainFile() {
        return chainFile;
    }

    Path keyFile() {
        return keyFile;
    }

    /** Reads both files; throws {@link TlsMaterialException} when one cannot be read. */
    Contents read() {
        byte[] chain = PemFiles.read(chainFile, "certificate chain");
        byte[] key = PemFiles.read(keyFile, "private key");
        return new Contents(chain, key, digest(chain, key));
    }

    /** True when these contents differ from the previous call's (the first call always differs). */
    boolean changedSinceLastSeen(Contents contents) {
        boolean changed = !Arrays.equals(lastSeen, contents.digest);
        lastSeen = contents.digest;
        return changed;
    }

    ServerIdentity parse(Contents contents) {
        return ServerIdentity.fromPem(contents.chain, chainFile, contents.key, keyFile);
    }

    static final class Contents {
        private final byte[] chain;
        private final byte[] key;
        private final byte[] digest;

        private Contents(byte[] chain, byte[] key, byte[] digest) {
            this.chain = chain;
            this.key = key;
            this.digest = digest;
        }
    }

    private static byte[] digest(byte[] chain, byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(chain.length).array()); // so chain+key cannot be re-split
            sha.update(chain);
            sha.update(key);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
