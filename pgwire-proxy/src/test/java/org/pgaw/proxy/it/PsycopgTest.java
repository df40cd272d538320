package org.pgaw.proxy.it;

import org.pgaw.proxy.testing.Program;
import org.pgaw.proxy.testing.NeedsPrograms;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pgaw.proxy.it.support.ItEnv;
import org.pgaw.proxy.it.support.ItExtension;
import org.pgaw.proxy.it.support.Proc;
import org.pgaw.proxy.testing.PasswordRoles;

/**
 * psycopg 3, the driver inside pgAdmin, through the target: pgAdmin's init string, its type lookup, and its Stop
 * button ({@code pg_cancel_backend(pid)} from another connection). The checks live in {@code it/psycopg_pgadmin.py}.
 */
@NeedsPrograms(Program.PSYCOPG)
@ExtendWith(ItExtension.class)
class PsycopgTest {

    @ParameterizedTest
    @CsvSource({"require, tls", "disable, plain"})
    void pgAdminsWayOfTalkingWorks(String sslmode, String expectTls, ItEnv env, @TempDir Path dir) throws Exception {
        Path script = dir.resolve("psycopg_pgadmin.py");
        try (var in = PsycopgTest.class.getResourceAsStream("/it/psycopg_pgadmin.py")) {
            assertThat(in).as("test resource it/psycopg_pgadmin.py").isNotNull();
            Files.copy(in, script);
        }
        // pgAdmin logs in with a password: use the SCRAM role, which may cancel its own backends.
        Map<String, String> libpq = env.libpqEnv(PasswordRoles.SCRAM_USER, PasswordRoles.scramPassword(), sslmode);
        Proc.Result r = Proc.of("python3", script.toString(), expectTls).env(libpq)
                .timeout(Duration.ofSeconds(60)).run();
        assertThat(r.exit()).as(r.both()).isZero();
        assertThat(r.stdout()).as(r.both()).contains("PSYCOPG OK");
    }
}
