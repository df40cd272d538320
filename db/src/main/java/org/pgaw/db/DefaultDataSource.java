package org.pgaw.db;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the AdventureWorks files come from when the user names no directory: the files this jar carries (no
 * network needed, 61 of 68 tables), completed by downloading the seven largest from the pinned commit when the
 * network allows. Without a network the load goes on with what is there, said in one plain line.
 */
public final class DefaultDataSource {
    private final UpstreamFiles upstream;
    private final Path cacheDir;

    public DefaultDataSource(UpstreamFiles upstream, Path cacheDir) {
        this.upstream = upstream;
        this.cacheDir = cacheDir;
    }

    /** The user's cache ({@link UpstreamFiles#defaultCacheDir()}) and the pinned upstream (or its mirror). */
    public static DefaultDataSource standard(PrintStream progress) {
        return new DefaultDataSource(UpstreamFiles.standard(progress), UpstreamFiles.defaultCacheDir());
    }

    /** Fills the cache as far as possible and returns it, the directory to load from. */
    public Path prepare(PrintStream out) throws LoadException {
        List<String> needed = LoadPlan.standard().files();
        List<String> toDownload = new ArrayList<>(needed);
        toDownload.removeAll(BundledData.files());
        out.println("Using the " + (needed.size() - toDownload.size()) + " AdventureWorks files this program carries"
                + " and downloading the " + toDownload.size() + " largest (pinned commit " + UpstreamFiles.COMMIT.substring(0, 12)
                + ", every file verified by SHA-256, cached in " + cacheDir + ") ...");
        BundledData.extractTo(cacheDir);
        try {
            upstream.fetch(toDownload);
        } catch (DownloadException e) {
            long present = needed.stream().filter(f -> Files.isRegularFile(cacheDir.resolve(f))).count();
            out.println("Could not download them, so AdventureWorks will be INCOMPLETE: " + present + " of " + needed.size()
                    + " tables get their rows, " + (needed.size() - present) + " of the largest stay empty (to complete it later,"
                    + " delete the demo's work directory and start again with a network). Why: " + e.getMessage().lines().findFirst().orElse(""));
        }
        return cacheDir;
    }
}
