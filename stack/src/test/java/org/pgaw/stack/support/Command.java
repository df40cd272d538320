package org.pgaw.stack.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short command (a script, openssl, psql) to completion with a time limit and returns what it printed. Output
 * goes to a file, not a pipe, so neither a chatty command nor a child it leaves running can stall the test.
 */
public final class Command {
    /** The exit code and stdout and stderr together, in the order they were written. */
    public record Result(int exitCode, String output) {
        public Result assertSuccess(String what) {
            if (exitCode != 0) {
                throw new AssertionError(what + " failed with exit code " + exitCode + ":\n" + output);
            }
            return this;
        }
    }

    private Command() { }

    public static Result run(List<String> command, Map<String, String> env, Path workDir, Duration timeout) {
        return run(command, env, workDir, null, timeout);
    }

    /** As {@link #run(List, Map, Path, Duration)}, with {@code stdin} (null: none) as the command's input. */
    public static Result run(List<String> command, Map<String, String> env, Path workDir, String stdin,
                             Duration timeout) {
        Path out = null;
        Path in = null;
        try {
            out = Files.createTempFile("pgaw-command", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(out.toFile());
            if (stdin == null) {
                builder.redirectInput(new File("/dev/null"));
            } else {
                in = Files.writeString(Files.createTempFile("pgaw-command", ".in"), stdin);
                builder.redirectInput(in.toFile());
            }
            builder.environment().putAll(env);
            Process process = start(builder, command);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout + ":\n"
                        + read(out));
            }
            return new Result(process.exitValue(), read(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(in);
        }
    }

    private static Process start(ProcessBuilder builder, List<String> command) {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0) + "; is it installed? The .ci/install-*.sh"
                    + " scripts install what the tests run", e);
        }
    }

    /** Lenient decoding: a stray byte from a tool must not hide what it said. */
    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover temp file is harmless
        }
    }
}
