package org.pgaw.stack.load;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real psql, kept open like a learner's terminal, fed statements on stdin. Rows go to /dev/null (psql still
 * receives and formats them); after each statement a marker echoed to stdout says it has ended, and what psql printed
 * on stderr in between (ERROR, FATAL, a lost connection) is the statement's error. Notices are not errors.
 */
final class PsqlProcess implements AutoCloseable {
    private static final String MARK = "@@pgaw-load-done ";
    private static final String EOF = "\u0000eof";

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private int sequence;

    private PsqlProcess(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readOutput, "psql-reader-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** psql with TLS required to the proxy, as the class connects (sslmode=require: the certificate is self-signed). */
    static PsqlProcess connect(int port, String role, String password) {
        ProcessBuilder b = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=0",
                "host=127.0.0.1 port=" + port + " dbname=adventureworks user=" + role
                        + " sslmode=require application_name=psql connect_timeout=20")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.PIPE);
        b.environment().put("PGPASSWORD", password);
        b.environment().put("PSQLRC", "/dev/null");
        try {
            PsqlProcess p = new PsqlProcess(b.start());
            p.send("\\o /dev/null");
            return p;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start psql (is the PostgreSQL client installed?): " + e, e);
        }
    }

    /** Runs one statement; returns null when it succeeded, else what psql printed about the failure. */
    String run(String sql, Duration timeout) {
        int n = ++sequence;
        send(sql.strip() + (sql.strip().endsWith(";") ? "" : ";") + "\n\\echo " + MARK + n);
        List<String> problems = new ArrayList<>();
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line;
            try {
                line = lines.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
            if (line == null) return "no answer from psql after " + timeout + (problems.isEmpty() ? "" : ": " + problems);
            if (line.equals(EOF)) return "psql ended: " + String.join(" | ", problems);
            if (line.equals(MARK + n)) return problems.isEmpty() ? null : String.join(" | ", problems);
            if (isProblem(line)) problems.add(line);
        }
    }

    static boolean isProblem(String line) {
        return line.contains("ERROR:") || line.contains("FATAL:") || line.contains("connection to server")
                || line.contains("server closed the connection") || line.contains("no connection to the server")
                || line.startsWith("psql: ");
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private void send(String text) {
        try {
            stdin.write(text + "\n");
            stdin.flush();
        } catch (IOException e) {
            // psql has gone: the next run() reads its last words and the end of its output
        }
    }

    private void readOutput() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) lines.add(line);
        } catch (IOException ignored) {
            // the process was closed
        } finally {
            lines.add(EOF);
        }
    }

    @Override
    public void close() {
        send("\\q");
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
