package org.pgaw.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgaw.proxy.config.EffectiveConfig;
import org.pgaw.proxy.config.Setting;
import org.pgaw.proxy.config.Settings;

/**
 * {@code demo} takes the proxy's guard limits (issue 12: a teacher must not wait 30 s to show the timer), under the
 * proxy's flag and a short one, parsed and checked by the same catalogue; a bad value is one line naming the flag
 * as typed. These fail while parsing, before any PostgreSQL starts.
 */
class DemoCommandLineTest {
    @Test
    void helpListsEveryGuardLimitUnderBothNamesWithItsDefault() {
        MainTest.Run r = MainTest.run("demo", "--help");
        assertThat(r.code()).isZero();
        String help = r.out().replaceAll("\\s+", " ");
        for (Setting s : Settings.guardLimits()) {
            String shortFlag = "--" + s.key().substring("guard.limits.".length()).replace('_', '-');
            assertThat(help).as("demo help of %s", s.key())
                    .contains(shortFlag + ", " + s.flag() + "=" + s.type().label())
                    .contains("Default: " + s.textIn(EffectiveConfig.defaults()));
        }
        // The demo reads no PGAW_* variable and no file: its help must not suggest otherwise.
        assertThat(help).doesNotContain("PGAW_", "YAML");
    }

    @Test
    void aBadLimitIsOneLineNamingTheFlagAsTyped() {
        MainTest.Run r = MainTest.run("demo", "--statement-timeout", "5 minutes");
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err().strip()).startsWith("error: option --statement-timeout: '5 minutes' is not a duration")
                .doesNotContain("\n");
        MainTest.Run negative = MainTest.run("demo", "--guard-limits-max-rows", "-1");
        assertThat(negative.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(negative.err().strip()).isEqualTo("error: option --guard-limits-max-rows: must be 0 (no limit) or more, got -1");
    }

    @Test
    void aTakenPortIsOneLineBeforeAnyPostgresStarts(@TempDir Path workdir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            MainTest.Run r = MainTest.run("demo", "--listen", "127.0.0.1:" + port, "--workdir", workdir.toString(),
                    "--statement-timeout", "5s");
            assertThat(r.code()).isEqualTo(Main.EXIT_FAILED);
            assertThat(r.err().strip()).isEqualTo("error: cannot listen on 127.0.0.1:" + port + " (option --listen): another"
                    + " program already uses port " + port + " (another pgwire-proxy, PgBouncer or PostgreSQL?). Stop that"
                    + " program or choose another port, e.g. --listen 127.0.0.1:" + (port + 1) + ".");
            assertThat(workdir.resolve("pgdata")).as("no PostgreSQL was started").doesNotExist();
        }
    }

    @Test
    void aLimitBeforeTheSubcommandSaysWhereItGoes() {
        MainTest.Run r = MainTest.run("--guard-limits-max-rows", "5", "demo");
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err().strip()).isEqualTo("pgwire-proxy: --guard-limits-max-rows goes after 'demo':"
                + " pgwire-proxy demo --guard-limits-max-rows ...");
    }
}
