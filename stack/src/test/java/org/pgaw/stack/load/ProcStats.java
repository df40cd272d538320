package org.pgaw.stack.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Memory and CPU of processes, read from Linux's /proc: resident memory (VmRSS) and user+system CPU time. A process
 * that is gone reads as 0, so a sample taken while a program restarts or a backend exits does not fail the run.
 */
final class ProcStats {
    /** Clock ticks per second of /proc/PID/stat's times; 100 on every Linux this runs on (getconf CLK_TCK). */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcStats() { }

    /** VmRSS of one process in bytes, 0 when it is gone. */
    static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** User + system CPU seconds of one process (all its threads). */
    static double cpuSeconds(long pid) {
        long[] f = times(pid);
        return (f[0] + f[1]) / TICKS_PER_SECOND;
    }

    /**
     * CPU seconds of a process tree as PostgreSQL has it: the postmaster, its live children (backends, parallel
     * workers, checkpointer...) and, through the postmaster's cutime/cstime, every child it has reaped. A backend's
     * time moves from the second sum to the third when it exits, so the total only grows.
     */
    static double treeCpuSeconds(long rootPid) {
        long[] root = times(rootPid);
        long ticks = root[0] + root[1] + root[2] + root[3];
        for (long child : children(rootPid)) {
            long[] c = times(child);
            ticks += c[0] + c[1];
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** The parent of a process, or -1. */
    static long parent(long pid) {
        String stat = stat(pid);
        if (stat == null) return -1;
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[1]);
    }

    /** The system's 1-minute load average. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException e) {
            return -1;
        }
    }

    /** utime, stime, cutime, cstime in ticks (zeros when the process is gone). */
    private static long[] times(long pid) {
        String stat = stat(pid);
        if (stat == null) return new long[4];
        // Fields after "pid (comm) ": state is index 0, so utime (field 14) is index 11.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])};
    }

    /** Direct children (ProcessHandle scans /proc for them; /proc/PID/task/TID/children is not in every kernel). */
    private static List<Long> children(long pid) {
        return ProcessHandle.of(pid).map(h -> h.children().map(ProcessHandle::pid).toList()).orElse(List.of());
    }

    private static String stat(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/stat"));
        } catch (IOException e) {
            return null;
        }
    }
}
