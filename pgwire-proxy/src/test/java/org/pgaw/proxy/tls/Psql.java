package org.pgaw.proxy.tls;

import java.time.Duration;
import java.util.Map;
import org.pgaw.proxy.it.support.Proc;

/** Runs Debian's psql (libpq) once, as a learner would, and returns what it printed. */
final class Psql {
    record Result(int exitCode, String output) { }

    private Psql() { }

    static Result run(String host, int port, String connectionOptions, String command) throws Exception {
        String conninfo = "host=" + host + " port=" + port + " user=postgres dbname=postgres connect_timeout=10 "
                + "gssencmode=disable " + connectionOptions;
        // Proc bounds the run (20 s) even if psql never closes its output; PGPASSWORD: never prompt.
        Proc.Result r = Proc.of("psql", "-X", "-A", "-t", "-d", conninfo, "-c", command)
                .env(Map.of("PGPASSWORD", "unused")).timeout(Duration.ofSeconds(20)).run();
        return new Result(r.exit(), r.stdout() + r.stderr());
    }
}
