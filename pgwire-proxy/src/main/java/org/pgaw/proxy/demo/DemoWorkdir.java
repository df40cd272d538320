package org.pgaw.proxy.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.pgaw.db.Secrets;

/**
 * The demo's own directory: the PostgreSQL data (kept between runs, so a second start is fast) and the
 * generated passwords, each in a file only the current user can read.
 */
public record DemoWorkdir(Path root) {
    public static Path defaultRoot() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("pgaw").resolve("demo");
    }

    public Path pgData() {
        return root.resolve("pgdata");
    }

    public Path secretFile(String name) {
        return root.resolve("secrets").resolve(name);
    }

    public void create() throws DemoException {
        try {
            Files.createDirectories(root);
            Path secrets = Files.createDirectories(root.resolve("secrets"));
            Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new DemoException("Cannot create the demo's work directory " + root + ": " + e.getMessage()
                    + ". Choose another with --workdir DIR.", e);
        }
    }

    /** The stored password, or a new random one stored with mode 0600 on first use. */
    public String password(String name, int length) throws DemoException {
        Path f = secretFile(name);
        try {
            if (Files.exists(f)) return Files.readString(f, StandardCharsets.UTF_8).trim();
            String pw = Secrets.generatePassword(length);
            Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(f, pw + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            return pw;
        } catch (IOException e) {
            throw new DemoException("Cannot read or write the password file " + f + ": " + e.getMessage(), e);
        }
    }
}
