package org.pgaw.proxy.tls;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's psql (libpq) once, as a learner would, and returns what it printed. */
final class Psql {
    record Result(int exitCode, String output) { }

    private Psql() { }

    static Result run(String host, int port, String connectionOptions, String command) throws Exception {
        String conninfo = "host=" + host + " port=" + port + " user=postgres dbname=postgres connect_timeout=10 "
                + "gssencmode=disable " + connectionOptions;
        ProcessBuilder builder = new ProcessBuilder(List.of("psql", "-X", "-A", "-t", "-d", conninfo, "-c", command))
                .redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", "unused"); // never prompt: stdin is not a terminal anyway
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("psql did not finish: " + output);
        }
        return new Result(process.exitValue(), output);
    }
}
