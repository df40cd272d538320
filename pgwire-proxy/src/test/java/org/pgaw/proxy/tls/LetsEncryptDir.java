package org.pgaw.proxy.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A directory laid out like certbot's {@code /etc/letsencrypt}: {@code live/NAME/fullchain.pem} and
 * {@code live/NAME/privkey.pem} are relative symlinks into {@code archive/NAME/fullchainN.pem} / {@code privkeyN.pem},
 * and every {@link #deploy} (a "renewal") writes generation N+1 and re-points the links, as {@code certbot renew} does.
 */
public final class LetsEncryptDir {
    private final Path live;
    private final Path archive;
    private final String name;
    private int generation;

    private LetsEncryptDir(Path root, String name) {
        this.name = name;
        this.live = root.resolve("live").resolve(name);
        this.archive = root.resolve("archive").resolve(name);
    }

    /** An empty layout under {@code root} (like /etc/letsencrypt) for the certificate lineage {@code name}. */
    public static LetsEncryptDir create(Path root, String name) {
        LetsEncryptDir dir = new LetsEncryptDir(root, name);
        try {
            Files.createDirectories(dir.live);
            Files.createDirectories(dir.archive);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** live/NAME/fullchain.pem: the path to configure as the proxy's certChain. */
    public Path fullchain() {
        return live.resolve("fullchain.pem");
    }

    /** live/NAME/privkey.pem: the path to configure as the proxy's privateKey. */
    public Path privkey() {
        return live.resolve("privkey.pem");
    }

    /** A renewal: the certificate's chain and key become the next generation. */
    public void deploy(TestPki.Issued cert, TestPki.KeyFormat format) {
        deployRaw(cert.fullchainPem(), cert.privkeyPem(format));
    }

    /** A "renewal" with arbitrary contents (garbage, truncated files, mismatched pairs). */
    public void deployRaw(String fullchainPem, String privkeyPem) {
        generation++;
        writeAndLink("fullchain", fullchainPem);
        writeAndLink("privkey", privkeyPem);
    }

    /** Re-points only privkey.pem to a new generation (a renewal caught half-way, or a key dropped in by hand). */
    public void replaceKeyOnly(String privkeyPem) {
        generation++;
        writeAndLink("privkey", privkeyPem);
    }

    private void writeAndLink(String kind, String content) {
        try {
            Path target = archive.resolve(kind + generation + ".pem");
            Files.writeString(target, content, StandardCharsets.US_ASCII);
            if (kind.equals("privkey")) {
                TestPki.ownerOnly(target);
            }
            // Build the new link beside the old one, then rename over it: readers never see a missing file.
            Path link = live.resolve(kind + ".pem");
            Path temp = live.resolve("." + kind + ".pem.new");
            Files.deleteIfExists(temp);
            Files.createSymbolicLink(temp, Path.of("../../archive", name, target.getFileName().toString()));
            Files.move(temp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
