package org.pgaw.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;

/**
 * Passwords come from the environment, Docker-secrets style: {@code NAME_FILE} names a file holding the value
 * (one trailing newline is ignored), otherwise {@code NAME} holds it. Never from the repository.
 */
public final class Secrets {
    private static final int MAX_SECRET_BYTES = 4096;
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() { }

    public static Optional<String> fromEnvironment(String name, Map<String, String> env) throws IOException {
        String file = env.get(name + "_FILE");
        if (file != null && !file.isBlank()) {
            Path p = Path.of(file);
            if (Files.size(p) > MAX_SECRET_BYTES) throw new IOException(name + "_FILE " + p + " is larger than " + MAX_SECRET_BYTES + " bytes");
            String v = Files.readString(p, StandardCharsets.UTF_8);
            if (v.endsWith("\n")) v = v.substring(0, v.length() - 1);
            if (v.endsWith("\r")) v = v.substring(0, v.length() - 1);
            return Optional.of(v);
        }
        String v = env.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /** A random password of letters and digits that are hard to confuse when read aloud or typed. */
    public static String generatePassword(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        return sb.toString();
    }
}
