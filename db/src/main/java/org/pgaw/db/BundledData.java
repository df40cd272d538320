package org.pgaw.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The upstream files this jar carries (gzipped under {@code upstream/data/}): every file whose SHA-256 is pinned,
 * byte-identical to the pinned commit. They let the demo and the tests load AdventureWorks with no network; the
 * seven largest files are not carried, so their tables stay empty (61 of 68 tables have rows).
 */
public final class BundledData {
    private BundledData() { }

    /** The file names carried, sorted: exactly the files with a pinned checksum. */
    public static List<String> files() {
        return Checksums.pinned().pinnedFiles();
    }

    /**
     * Writes every carried file into {@code dir} (created if needed), verified against its pinned SHA-256. A file
     * already there with the right hash is kept, so this is cheap the second time and shares the download cache.
     */
    public static synchronized Path extractTo(Path dir) throws LoadException {
        Checksums sums = Checksums.pinned();
        try {
            Files.createDirectories(dir);
            for (String file : sums.pinnedFiles()) {
                String expected = sums.expected(file).orElseThrow();
                Path target = dir.resolve(file);
                if (Files.isRegularFile(target) && expected.equals(Checksums.sha256(target))) continue;
                extractOne(file, expected, target);
            }
        } catch (IOException e) {
            throw new LoadException("Cannot write the bundled AdventureWorks files into " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }

    private static void extractOne(String file, String expected, Path target) throws IOException, LoadException {
        String resource = "upstream/data/" + file + ".gz";
        Path part = Files.createTempFile(target.getParent(), file, ".part");
        try {
            MessageDigest md = Checksums.newDigest();
            try (InputStream raw = BundledData.class.getResourceAsStream(resource)) {
                if (raw == null) throw new LoadException("resource org/pgaw/db/" + resource + " is missing from the jar", null);
                try (InputStream in = new GZIPInputStream(raw, 1 << 16); OutputStream out = Files.newOutputStream(part)) {
                    byte[] buf = new byte[1 << 16];
                    for (int n; (n = in.read(buf)) > 0; ) {
                        md.update(buf, 0, n);
                        out.write(buf, 0, n);
                    }
                }
            }
            String actual = HexFormat.of().formatHex(md.digest());
            if (!expected.equals(actual)) {
                throw new LoadException("The bundled " + file + " does not match its pinned SHA-256 (expected " + expected
                        + ", got " + actual + "): the jar is damaged; rebuild it.", null);
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
    }
}
