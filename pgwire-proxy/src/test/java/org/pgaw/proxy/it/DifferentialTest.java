package org.pgaw.proxy.it;

import org.pgaw.proxy.testing.Program;
import org.pgaw.proxy.testing.NeedsPrograms;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgaw.proxy.it.support.ItEnv;
import org.pgaw.proxy.it.support.ItExtension;
import org.pgaw.proxy.it.support.Proc;

/**
 * The differential check: {@code it/differential.sql} through psql, straight to PostgreSQL and through the target.
 * With guards off the proxy must be invisible: same rows, errors, notices, notifications, command tags.
 */
@NeedsPrograms(Program.PSQL)
@ExtendWith(ItExtension.class)
class DifferentialTest {

    @Test
    void theCorpusLooksTheSameDirectAndThroughTheTarget(ItEnv env) throws IOException {
        String corpus = corpus();
        String direct = run(env, env.directPort(), corpus);
        String target = run(env, env.port(), corpus);
        assertThat(direct).as("sanity: the corpus ran and produced its errors")
                .contains("division by zero").contains("no_such_table").contains("a notice 42")
                .contains("Asynchronous notification \"ch\" with payload \"payload\"").contains("2002|also from stdin");
        assertThat(target).isEqualTo(direct);
    }

    private static String run(ItEnv env, int port, String corpus) {
        Map<String, String> libpq = env.libpqEnv(ItEnv.SUPERUSER, null, "disable");
        libpq.put("PGPORT", Integer.toString(port));
        // stderr into stdout, so errors and notices keep their place among the results; -a echoes each statement.
        Proc.Result r = Proc.of("bash", "-c", "psql -X -a -A -v ON_ERROR_STOP=0 2>&1").env(libpq).stdin(corpus)
                .timeout(Duration.ofSeconds(60)).run();
        assertThat(r.exit()).as(r.both()).isZero();
        return r.stdout().replaceAll("server process with PID \\d+", "server process with PID <pid>");
    }

    private static String corpus() throws IOException {
        try (InputStream in = DifferentialTest.class.getResourceAsStream("/it/differential.sql")) {
            assertThat(in).as("test resource it/differential.sql").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
