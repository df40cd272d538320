package org.pgaw.proxy.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pgaw.proxy.testing.WireClient;

/**
 * Round 2, class: the StartupMessage's {@code options} as PostgreSQL reads them. pg_split_opts lets a backslash
 * escape the next character, so {@code -c work\_mem=1GB} sets work_mem while the text never contains
 * "work_mem": the search for protected names missed it (work_mem 1GB, client_encoding SJIS got through).
 */
class StartupRound2Test {
    private static Round2Proxy proxy;

    @BeforeAll
    static void start() {
        proxy = Round2Proxy.start();
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "-c work\\_mem=1GB",
        "-c w\\o\\r\\k\\_\\m\\e\\m=1GB",
        "--work\\-mem=1GB",
        "-c statement\\_timeout=0",
        "-c idle\\_in\\_transaction\\_session\\_timeout=0",
        "-c default\\_transaction\\_read\\_only=off",
        "-c client\\_encoding=SJIS"})
    void escapedProtectedSettingsInOptionsAreRefused(String options) throws IOException {
        try (WireClient c = new WireClient(proxy.address())) {
            c.send(WireClient.startup(3, 0, "user", Round2Proxy.LEARNER, "database", "postgres", "options", options));
            WireClient.Message first = c.read();
            if (first.tag() != 'E') {
                StringBuilder settings = new StringBuilder();
                WireClient.Message m = first;
                while (m.tag() != 'Z') {
                    if (m.tag() == 'S') settings.append(new String(m.body(), StandardCharsets.UTF_8)).append(' ');
                    m = c.read();
                }
                c.send(WireClient.query("SELECT current_setting('work_mem') || ' ' || current_setting('client_encoding')"));
                StringBuilder seen = new StringBuilder();
                do {
                    m = c.read();
                    if (m.tag() == 'D') seen.append(new String(m.body(), StandardCharsets.UTF_8));
                } while (m.tag() != 'Z');
                throw new AssertionError("options " + options + " were let in; the session then runs with: " + seen);
            }
            assertThat(first.fields().get('S')).isEqualTo("FATAL");
            assertThat(first.fields().get('C')).isIn("42501", "0A000");
            assertThat(first.fields().get('M')).contains("pgaw:");
            assertThat(c.closedWithin(5000)).isTrue();
        }
    }
}
