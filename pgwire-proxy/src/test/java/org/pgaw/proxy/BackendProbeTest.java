package org.pgaw.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pgaw.proxy.config.ConfigLoader;
import org.slf4j.LoggerFactory;

/** A backend that refuses connections is named, with its setting's source, in one warning at start; no error. */
class BackendProbeTest {
    @Test
    void aRefusingBackendIsOneWarningNamingTheAddressAndTheVariable() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        List<String> warnings = warningsFor(Map.of("PGAW_BACKEND", "127.0.0.1:" + closed));
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).startsWith("PostgreSQL at 127.0.0.1:" + closed + " (environment variable PGAW_BACKEND)"
                + " cannot be reached now: ").contains("The proxy runs anyway").doesNotContain("Exception");
    }

    @Test
    void aListeningBackendGivesNoWarning() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(warningsFor(Map.of("PGAW_BACKEND", "127.0.0.1:" + s.getLocalPort()))).isEmpty();
        }
    }

    private static List<String> warningsFor(Map<String, String> env) {
        ConfigLoader.Loaded loaded = ConfigLoader.loadWithSources(null, env, Map.of());
        Logger logger = (Logger) LoggerFactory.getLogger(BackendProbe.class);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        logger.addAppender(seen);
        try {
            BackendProbe.warnIfUnreachable(loaded.config().proxy(), loaded.sources());
        } finally {
            logger.detachAppender(seen);
        }
        return seen.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }
}
