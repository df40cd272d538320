package org.pgaw.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/** The pinned SHA-256 of every upstream file ({@code upstream/SHA256SUMS}); UNKNOWN marks one not yet pinned. */
public final class Checksums {
    public static final String UNKNOWN = "UNKNOWN";
    private final Map<String, String> byFile;

    private Checksums(Map<String, String> byFile) {
        this.byFile = Map.copyOf(byFile);
    }

    public static Checksums pinned() {
        return parse(Resources.text("upstream/SHA256SUMS"));
    }

    /** Parses {@code sha256sum} output ({@code <hash>  data/<file>}); comment lines start with #. */
    public static Checksums parse(String text) {
        Map<String, String> m = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] p = line.trim().split("\\s+\\*?", 2);
            if (p.length != 2) throw new IllegalStateException("bad checksum line: " + line);
            String file = p[1].substring(p[1].lastIndexOf('/') + 1);
            m.put(file, p[0].toLowerCase());
        }
        return new Checksums(m);
    }

    /** The files whose hash is pinned, sorted by name. */
    public java.util.List<String> pinnedFiles() {
        return byFile.entrySet().stream().filter(e -> !e.getValue().equalsIgnoreCase(UNKNOWN))
                .map(Map.Entry::getKey).sorted().toList();
    }

    public boolean knows(String file) {
        return byFile.containsKey(file);
    }

    /** The pinned hash, or empty when the file is listed but its hash is UNKNOWN. */
    public Optional<String> expected(String file) {
        String h = byFile.get(file);
        return h == null || h.equalsIgnoreCase(UNKNOWN) ? Optional.empty() : Optional.of(h);
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest md = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
