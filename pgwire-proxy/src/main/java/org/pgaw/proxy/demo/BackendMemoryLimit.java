package org.pgaw.proxy.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bound on the private memory of every PostgreSQL backend forked from now on, so that no statement can take the
 * server's memory. work_mem bounds sorts and hashes only: aggregate states ({@code array_agg}, {@code string_agg},
 * several per query), values built in memory, a 1 GB Bind and the planner are not bounded by anything, and one
 * learner's {@code array_agg} grew a backend past 1.2 GB in 20 s. Past the machine's memory the kernel's OOM killer
 * kills a backend, and PostgreSQL then restarts every session of the class. With RLIMIT_DATA the allocation fails
 * instead and PostgreSQL ends just that statement with {@code ERROR 53200 out of memory}.
 *
 * <p>RLIMIT_DATA (Linux 4.7 and later) counts private writable memory only, not the shared buffers; the postmaster's
 * limit is inherited by every backend it forks, so setting it on the running postmaster with {@code prlimit} is
 * enough. Where {@code prlimit} is missing (not Linux) the demo runs without the bound and logs why.
 */
public final class BackendMemoryLimit {
    /**
     * 512 MiB: a learner's statement needs a few work_mem (4 MB) nodes, catalog caches and at most a result value of
     * the byte budget (64 MiB) with its copies; the AdventureWorks load needs maintenance_work_mem (64 MB).
     */
    public static final long DEFAULT_BYTES = 512L << 20;

    private static final Logger log = LoggerFactory.getLogger(BackendMemoryLimit.class);

    private BackendMemoryLimit() { }

    /** Bounds the backends of the PostgreSQL whose data directory is {@code pgData}; true when it took effect. */
    public static boolean apply(Path pgData, long bytes) {
        String why;
        try {
            long pid = postmasterPid(pgData);
            Process p = new ProcessBuilder(List.of("prlimit", "--pid", Long.toString(pid),
                    "--data=" + bytes + ":" + bytes)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) return true;
            why = "prlimit failed: " + out;
        } catch (IOException e) {
            why = "prlimit is not available (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why = "interrupted";
        } catch (RuntimeException e) {
            why = e.getMessage();
        }
        log.warn("PostgreSQL's backends run without a memory bound: {}; one learner's statement can take the"
                + " machine's memory", why);
        return false;
    }

    /** The first line of postmaster.pid. */
    static long postmasterPid(Path pgData) throws IOException {
        List<String> lines = Files.readAllLines(pgData.resolve("postmaster.pid"), StandardCharsets.US_ASCII);
        if (lines.isEmpty()) throw new IllegalStateException("postmaster.pid in " + pgData + " is empty");
        return Long.parseLong(lines.get(0).trim());
    }
}
