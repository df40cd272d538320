package org.pgaw.proxy.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of a process from /proc (Linux): current (VmRSS) and peak so far (VmHWM), in KiB. */
public final class ProcessMemory {
    private ProcessMemory() { }

    public static long rssKib(long pid) { return field(pid, "VmRSS:"); }

    public static long peakRssKib(long pid) { return field(pid, "VmHWM:"); }

    private static long field(long pid, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot read " + name + " of process " + pid + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException("no " + name + " in /proc/" + pid + "/status");
    }
}
