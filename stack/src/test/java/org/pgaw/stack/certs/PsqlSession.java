package org.pgaw.stack.certs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.pgaw.stack.support.Command;

/**
 * psql (libpq) through the proxy with {@code sslmode=verify-full}: one-shot queries, and a session held open across a
 * renewal to show that existing connections are not disturbed.
 */
final class PsqlSession implements AutoCloseable {
    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuilder transcript = new StringBuilder();

    private PsqlSession(Process process) {
        this.process = process;
        this.stdin = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended; what it said is already queued
            }
        }, "psql-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** libpq connection string: verify the proxy's certificate against the root and the name, connect to loopback. */
    static String conninfo(String domain, int port, Path rootCert) {
        return "host=" + domain + " hostaddr=127.0.0.1 port=" + port + " dbname=postgres user=postgres"
                + " sslmode=verify-full sslrootcert=" + rootCert + " connect_timeout=10";
    }

    /** Runs one query in a new connection; returns psql's output or fails with it. */
    static String query(Path workDir, String conninfo, String sql) {
        return attempt(workDir, conninfo, sql).assertSuccess("psql " + conninfo).output().trim();
    }

    /** Runs one query in a new connection, whatever the outcome. */
    static Command.Result attempt(Path workDir, String conninfo, String sql) {
        return Command.run(List.of("psql", "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", conninfo, "-c", sql),
                Map.of(), workDir, Duration.ofSeconds(30));
    }

    /** Opens a psql that reads statements from us, one at a time. */
    static PsqlSession open(String conninfo) {
        ProcessBuilder builder = new ProcessBuilder("psql", "-X", "-A", "-t", "-d", conninfo).redirectErrorStream(true);
        try {
            return new PsqlSession(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start psql; see .ci/install-certs.sh", e);
        }
    }

    /** Sends one statement and returns the first output line, waiting at most the timeout. */
    String ask(String sql, Duration timeout) throws InterruptedException {
        try {
            stdin.write(sql + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new AssertionError("psql is gone:\n" + transcript, e);
        }
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("psql did not answer '" + sql + "' within " + timeout + ":\n" + transcript);
        }
        transcript.append(sql).append(" -> ").append(line).append('\n');
        return line;
    }

    @Override
    public void close() {
        try {
            stdin.close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
