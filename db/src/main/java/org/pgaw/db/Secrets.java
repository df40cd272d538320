package org.pgaw.db;

import java.security.SecureRandom;

/** Generated passwords. Stored ones come from files or the environment (see db/initdb), never from the repository. */
public final class Secrets {
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() { }

    /** A random password of letters and digits that are hard to confuse when read aloud or typed. */
    public static String generatePassword(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        return sb.toString();
    }
}
