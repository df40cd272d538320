package org.pgaw.proxy.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The teacher's password (or token: the stack passes a long random one as a Docker secret), read once from the
 * first line of its file. Only its SHA-256 is kept; a guess is compared digest to digest in constant time, so the
 * time of a wrong answer tells nothing about how much of it was right, not even the password's length.
 */
final class TeacherPassword {
    /** Shorter secrets are refused at start: the console faces whoever reaches its port. */
    static final int MIN_LENGTH = 8;
    /** Longer guesses are not even hashed (the request body is bounded anyway). */
    static final int MAX_LENGTH = 512;

    private final byte[] digest;

    private TeacherPassword(byte[] digest) {
        this.digest = digest;
    }

    static TeacherPassword fromFile(Path file) {
        String first;
        try {
            first = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the console's password file " + file + ": " + e.getMessage(), e);
        }
        return of(first, file.toString());
    }

    static TeacherPassword of(String password, String where) {
        if (password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            throw new IllegalStateException("the console's password in " + where + " must be " + MIN_LENGTH + " to "
                    + MAX_LENGTH + " characters on its first line");
        }
        return new TeacherPassword(sha256(password));
    }

    boolean matches(String guess) {
        if (guess == null || guess.length() > MAX_LENGTH) return false;
        return MessageDigest.isEqual(digest, sha256(guess));
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
