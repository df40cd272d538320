package org.pgaw.stack.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pgaw.stack.support.NeedsPrograms;
import org.pgaw.stack.support.Program;

/**
 * The harness run by stack/load/run.sh (selected by name: the class name does not end in Test, so ./mvnw verify
 * never runs it). Its flags arrive as pgaw.load.* system properties; the report lands in pgaw.load.out. It fails only
 * when the run could not be made; the numbers, goals met or not, are the report's.
 */
@NeedsPrograms({Program.PGADMIN, Program.NGINX_E2E, Program.OPENSSL_E2E, Program.PSQL})
class ClassLoadHarness {
    @Test
    void aClassUnderLoad() throws Exception {
        LoadOptions o = LoadOptions.fromSystemProperties();
        LoadReport report = ClassLoad.run(o);
        assertThat(o.out().resolve("report.png")).exists();
        assertThat(report.phases()).hasSize(2);
    }
}
