package org.pgaw.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The upstream data files at the pinned commit, downloaded once into a cache and verified by SHA-256.
 * A file whose hash is not pinned yet is trusted on first download: its hash is recorded in the cache
 * ({@value #RECORDED}) with a loud warning, and later runs verify against that record.
 */
public final class UpstreamFiles {
    public static final String COMMIT = "afcfd2dfcf031af91f03f536c1ade349cfcb3ad6";
    public static final String DEFAULT_BASE_URL =
            "https://raw.githubusercontent.com/NorfolkDataSci/adventure-works-postgres/" + COMMIT + "/data/";
    static final String RECORDED = "RECORDED-SHA256SUMS";
    private static final long MAX_FILE_BYTES = 256L << 20;

    private final URI baseUrl;
    private final Path cacheDir;
    private final Checksums checksums;
    private final PrintStream progress;
    private final HttpClient http;

    public UpstreamFiles(URI baseUrl, Path cacheDir, Checksums checksums, PrintStream progress) {
        this.baseUrl = baseUrl.toString().endsWith("/") ? baseUrl : URI.create(baseUrl + "/");
        this.cacheDir = cacheDir;
        this.checksums = checksums;
        this.progress = progress;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** Default source and cache: {@code $XDG_CACHE_HOME} or {@code ~/.cache}, then {@code pgaw/adventureworks/<commit>}
     * (system property {@code pgaw.cache.dir} overrides it). */
    public static UpstreamFiles standard(PrintStream progress) {
        return new UpstreamFiles(URI.create(baseUrl()), defaultCacheDir(), Checksums.pinned(), progress);
    }

    /** The pinned upstream folder, or a mirror of it named by {@code PGAW_UPSTREAM_URL} (the files are verified the same way). */
    public static String baseUrl() {
        String mirror = System.getenv("PGAW_UPSTREAM_URL");
        if (mirror == null || mirror.isBlank()) mirror = System.getProperty("pgaw.upstream.url");
        return mirror == null || mirror.isBlank() ? DEFAULT_BASE_URL : mirror;
    }

    public static Path defaultCacheDir() {
        String explicit = System.getProperty("pgaw.cache.dir");
        if (explicit != null && !explicit.isBlank()) return Path.of(explicit);
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("pgaw").resolve("adventureworks").resolve(COMMIT);
    }

    /** Makes sure every file is in the cache and verified; returns the cache directory to load from. */
    public Path fetch(List<String> files) throws DownloadException {
        try {
            Files.createDirectories(cacheDir);
        } catch (IOException e) {
            throw new DownloadException("Cannot create the download cache " + cacheDir + ": " + e.getMessage(), e);
        }
        for (String f : files) fetchOne(f);
        return cacheDir;
    }

    private void fetchOne(String file) throws DownloadException {
        if (!checksums.knows(file)) throw new DownloadException(file + " is not in the pinned checksum list; refusing to use it", null);
        Path target = cacheDir.resolve(file);
        try {
            if (Files.isRegularFile(target) && matches(file, Checksums.sha256(target))) return;
        } catch (IOException e) {
            throw new DownloadException("Cannot read the cached " + target + ": " + e.getMessage(), e);
        }
        URI url = baseUrl.resolve(file);
        Path part = cacheDir.resolve(file + ".part");
        String actual;
        try {
            actual = download(url, part, file);
        } catch (IOException e) {
            deleteQuietly(part);
            throw new DownloadException("Could not download " + file + " from " + url + ": " + describe(e, url), e);
        } catch (InterruptedException e) {
            deleteQuietly(part);
            Thread.currentThread().interrupt();
            throw new DownloadException("Download of " + file + " was interrupted", e);
        }
        Optional<String> expected = checksums.expected(file);
        try {
            if (expected.isPresent()) {
                if (!expected.get().equals(actual)) {
                    deleteQuietly(part);
                    throw new DownloadException("Checksum mismatch for " + file + " downloaded from " + url
                            + ": expected SHA-256 " + expected.get() + ", got " + actual
                            + ". The file was discarded; the upstream file or the connection is not what was pinned.", null);
                }
            } else {
                progress.println("WARNING: " + file + " has no pinned checksum yet; trusting this first download and recording"
                        + " its SHA-256 " + actual + " in " + cacheDir.resolve(RECORDED)
                        + ". Pin it in db/src/main/resources/org/pgaw/db/upstream/SHA256SUMS.");
                Files.writeString(cacheDir.resolve(RECORDED), actual + "  data/" + file + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(part);
            throw new DownloadException("Cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private boolean matches(String file, String actual) throws IOException {
        Optional<String> expected = checksums.expected(file);
        if (expected.isPresent()) return expected.get().equals(actual);
        Path recorded = cacheDir.resolve(RECORDED);
        if (!Files.exists(recorded)) return false;
        return Checksums.parse(Files.readString(recorded)).expected(file).map(actual::equals).orElse(false);
    }

    private String download(URI url, Path part, String file) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).GET().build();
        HttpResponse<InputStream> resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = resp.body()) {
            if (resp.statusCode() != 200) throw new IOException("HTTP status " + resp.statusCode());
            long total = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (total > MAX_FILE_BYTES) throw new IOException("file is " + total + " bytes, more than the " + MAX_FILE_BYTES + " allowed");
            MessageDigest md = Checksums.newDigest();
            ProgressBar bar = new ProgressBar(progress, file, total);
            long done = 0;
            try (OutputStream out = Files.newOutputStream(part)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    done += n;
                    if (done > MAX_FILE_BYTES) throw new IOException("file is larger than the " + MAX_FILE_BYTES + " bytes allowed");
                    md.update(buf, 0, n);
                    out.write(buf, 0, n);
                    bar.update(done);
                }
            }
            bar.done();
            if (total >= 0 && done != total) throw new IOException("connection closed after " + done + " of " + total + " bytes");
            return HexFormat.of().formatHex(md.digest());
        }
    }

    /**
     * In words, not an exception's name: the usual failure is a machine without internet, whose next step is the
     * offline alternative the message goes on with.
     */
    private static String describe(IOException e, URI url) {
        if (e instanceof java.net.http.HttpConnectTimeoutException) {
            return "no network? " + url.getHost() + " did not answer in time";
        }
        if (e instanceof java.net.ConnectException) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                    return "no network? the name " + url.getHost() + " cannot be resolved";
                }
            }
            return "no network? the connection to " + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "")
                    + " was refused or cannot be made";
        }
        if (e instanceof java.net.UnknownHostException) return "no network? the name " + url.getHost() + " cannot be resolved";
        String m = e.getMessage();
        return m == null || m.isBlank() ? "the connection failed (" + e.getClass().getSimpleName() + ")" : m;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a stale .part file is harmless: the next download overwrites it
        }
    }
}
