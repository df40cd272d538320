package org.pgaw.stack.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A program the test started (nginx, gunicorn, Pebble, the proxy), with its output in a log file that failures show,
 * and a stop that also ends everything it forked: nothing the test starts outlives it.
 */
public final class ChildProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts the program with stdin at end of file (none of them reads it) and its output appended to {@code log}. */
    public static ChildProcess start(String name, List<String> command, Map<String, String> env, Path workDir,
                                     Path log) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).redirectInput(new File("/dev/null"));
        builder.environment().putAll(env);
        try {
            return new ChildProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + String.join(" ", command)
                    + "); is it installed? The .ci/install-*.sh scripts install what the tests run", e);
        }
    }

    /** As above, logging to {@code <name>.log} in the work directory. */
    public static ChildProcess start(String name, List<String> command, Map<String, String> env, Path workDir) {
        return start(name, command, env, workDir, workDir.resolve(name + ".log"));
    }

    /** Runs a command that must succeed and returns what it printed; {@link Command} when failing is an outcome. */
    public static String run(String name, List<String> command, Map<String, String> env, Path workDir,
                             String stdin, Duration timeout) {
        return Command.run(command, env, workDir, stdin, timeout).assertSuccess(name).output();
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** Everything the program printed so far. */
    public String log() {
        try {
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** The end of the log, for messages about long-running programs whose whole log would drown the point. */
    public String logTail() {
        String s = log();
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }

    /** Waits until the program accepts TCP connections on the port; fails with its log when it died or took too long. */
    public void awaitPort(int port, Duration timeout) {
        if (!Poll.until(timeout, () -> accepts(port))) {
            throw new AssertionError(name + " did not listen on " + port + " within " + timeout + ":\n" + log());
        }
    }

    private boolean accepts(int port) {
        if (!process.isAlive()) {
            throw new AssertionError(name + " exited with " + process.exitValue() + " before listening on " + port
                    + ":\n" + log());
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Waits until the log contains the text; fails with the log when it does not appear in time. */
    public void awaitLog(String text, Duration timeout) {
        if (!Poll.until(timeout, () -> log().contains(text))) {
            throw new AssertionError(name + " did not log '" + text + "' within " + timeout + ":\n" + log());
        }
    }

    /** SIGKILL to the process and all its descendants: a crash, as the kernel's OOM killer would do it. */
    public void kill() {
        List<ProcessHandle> all = process.descendants().toList();
        process.destroyForcibly();
        all.forEach(ProcessHandle::destroyForcibly);
        waitGone();
    }

    /** SIGTERM (graceful), then SIGKILL after a few seconds; descendants are killed in any case. */
    @Override
    public void close() {
        List<ProcessHandle> all = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        all.forEach(ProcessHandle::destroyForcibly);
        waitGone();
    }

    private void waitGone() {
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
