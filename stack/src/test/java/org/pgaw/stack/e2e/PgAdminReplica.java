package org.pgaw.stack.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.pgaw.stack.support.ChildProcess;
import org.pgaw.stack.support.FreePorts;
import org.pgaw.stack.support.Poll;

/**
 * One pgAdmin replica as compose.yaml runs it: gunicorn, ONE worker, 25 threads, pgAdmin4:app, the
 * repository's config_system.py, its own data directory, the shared settings database.
 */
public final class PgAdminReplica implements AutoCloseable {
    private final String name;
    private final int port;
    private final ChildProcess gunicorn;

    private PgAdminReplica(String name, int port, ChildProcess gunicorn) {
        this.name = name;
        this.port = port;
        this.gunicorn = gunicorn;
    }

    public static PgAdminReplica start(String name, PgAdminEnv env, Path work) {
        try {
            Path data = Files.createDirectories(work.resolve(name));
            int port = FreePorts.next();
            Path venv = Tools.pgadminVenv();
            List<String> cmd = List.of(venv.resolve("bin/gunicorn").toString(), "--bind", "127.0.0.1:" + port,
                    "--workers", "1", "--threads", "25", "--timeout", "86400",
                    "--chdir", Tools.pgadminHome().toString(), "pgAdmin4:app");
            ChildProcess p = ChildProcess.start(name, cmd, env.forProcess(data), work, work.resolve(name + ".log"));
            return new PgAdminReplica(name, port, p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for pgAdmin's health endpoint, as compose's health check does. */
    public void awaitHealthy(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        boolean healthy = Poll.until(timeout, () -> {
            if (!gunicorn.isAlive()) throw new IllegalStateException(name + " exited:\n" + gunicorn.logTail());
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/misc/ping")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        if (!healthy) {
            throw new IllegalStateException("timed out after " + timeout + ": " + name + " answering /misc/ping\n"
                    + gunicorn.logTail());
        }
    }

    /** The resident memory of the one gunicorn worker, where pgAdmin keeps query results, in bytes. */
    public long workerRssBytes() {
        ProcessHandle worker = gunicorn.handle().children().findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " has no gunicorn worker"));
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + worker.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS for " + worker.pid());
    }

    /** The pid of the one gunicorn worker, or -1 while there is none (for the load harness's CPU figures). */
    public long workerPid() {
        return gunicorn.handle().children().findFirst().map(ProcessHandle::pid).orElse(-1L);
    }

    public long workerCount() {
        return gunicorn.handle().children().count();
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    public String logTail() {
        return gunicorn.logTail();
    }

    /** SIGKILL to master and worker: the replica dies as it would under the OOM killer. */
    public void kill() {
        gunicorn.kill();
    }

    @Override
    public void close() {
        gunicorn.close();
    }
}
