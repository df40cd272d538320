package org.pgaw.proxy.it.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real client program (psql, pgbench, python3) with a hard timeout. Output goes to temporary files rather
 * than pipes so a chatty process can never block on a full pipe; it is read back, bounded, when the process ends.
 */
public final class Proc {
    /** What a finished process left behind. */
    public record Result(int exit, String stdout, String stderr, Duration took) {
        public String both() { return "exit " + exit + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr; }
    }

    private static final int MAX_CAPTURE = 256 * 1024;

    private final List<String> command;
    private final Map<String, String> env = new HashMap<>();
    private String stdin;
    private boolean discardStdout;
    private Duration timeout = Duration.ofSeconds(60);

    private Proc(List<String> command) { this.command = command; }

    public static Proc of(String... command) { return new Proc(List.of(command)); }

    public static Proc of(List<String> command) { return new Proc(new ArrayList<>(command)); }

    public Proc env(Map<String, String> vars) { env.putAll(vars); return this; }

    public Proc stdin(String text) { this.stdin = text; return this; }

    /** For gigabyte streams: stdout goes to /dev/null and is not captured. */
    public Proc discardStdout() { this.discardStdout = true; return this; }

    public Proc timeout(Duration t) { this.timeout = t; return this; }

    /** Runs to completion; a process still alive at the timeout is killed and the test fails with its output. */
    public Result run() {
        return start().await();
    }

    public Running start() {
        try {
            Path out = Files.createTempFile("it-proc", ".out");
            Path err = Files.createTempFile("it-proc", ".err");
            Path in = Files.createTempFile("it-proc", ".in");
            Files.writeString(in, stdin == null ? "" : stdin);
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().putAll(env);
            pb.redirectInput(in.toFile());
            pb.redirectOutput(discardStdout ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(out.toFile()));
            pb.redirectError(err.toFile());
            long started = System.nanoTime();
            return new Running(pb.start(), out, err, in, started, timeout, String.join(" ", command));
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + command, e);
        }
    }

    /** A started process; {@link #await()} bounds it by the timeout given to {@link Proc}. */
    public static final class Running {
        private final Process process;
        private final Path out;
        private final Path err;
        private final Path in;
        private final long started;
        private final Duration timeout;
        private final String description;

        private Running(Process process, Path out, Path err, Path in, long started, Duration timeout, String d) {
            this.process = process;
            this.out = out;
            this.err = err;
            this.in = in;
            this.started = started;
            this.timeout = timeout;
            this.description = d;
        }

        public long pid() { return process.pid(); }

        public boolean isAlive() { return process.isAlive(); }

        /** What the process wrote to stderr so far (for waiting on a readiness line). */
        public String stderrSoFar() { return read(err); }

        public String stdoutSoFar() { return read(out); }

        /** Sends a POSIX signal by number with {@code kill}, as a person pressing Ctrl-C would (2 = SIGINT). */
        public void signal(String name) {
            Result r = Proc.of("kill", "-" + name, Long.toString(process.pid())).timeout(Duration.ofSeconds(5)).run();
            if (r.exit() != 0) throw new IllegalStateException("kill -" + name + " failed: " + r.both());
        }

        public Result await() {
            try {
                long left = timeout.toNanos() - (System.nanoTime() - started);
                if (!process.waitFor(Math.max(left, 0), TimeUnit.NANOSECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    throw new AssertionError("timed out after " + timeout + ": " + description
                            + "\n--- stdout\n" + read(out) + "\n--- stderr\n" + read(err));
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + description, e);
            }
            Result r = new Result(process.exitValue(), read(out), read(err),
                    Duration.ofNanos(System.nanoTime() - started));
            deleteQuietly(out);
            deleteQuietly(err);
            deleteQuietly(in);
            return r;
        }

        /** Kills the process if it still runs (cleanup in finally blocks). */
        public void kill() {
            if (process.isAlive()) {
                process.destroyForcibly();
                try {
                    process.waitFor(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static String read(Path file) {
        File f = file.toFile();
        if (!f.exists()) return "";
        try {
            byte[] bytes = Files.readAllBytes(file);
            int n = Math.min(bytes.length, MAX_CAPTURE);
            String s = new String(bytes, 0, n, StandardCharsets.UTF_8);
            return bytes.length > n ? s + "\n[... " + (bytes.length - n) + " more bytes]" : s;
        } catch (IOException e) {
            return "<unreadable: " + e.getMessage() + ">";
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover temp file is harmless
        }
    }
}
