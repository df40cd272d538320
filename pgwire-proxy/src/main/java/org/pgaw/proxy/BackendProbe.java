package org.pgaw.proxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.pgaw.proxy.config.ProxyConfig;
import org.pgaw.proxy.config.Sources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connect to PostgreSQL right after the start, so that a wrong backend address shows up in the first lines
 * of the log, naming the setting, rather than only when the first learner connects. An unreachable backend is no
 * reason to refuse to start: PostgreSQL may simply still be starting (or restarting), and sessions connect anew.
 */
final class BackendProbe {
    private static final Logger LOG = LoggerFactory.getLogger(BackendProbe.class);
    private static final Duration MOST = Duration.ofSeconds(3);

    private BackendProbe() { }

    static void warnIfUnreachable(ProxyConfig config, Sources sources) {
        Duration timeout = config.limits().backendConnectTimeout().compareTo(MOST) < 0 ? config.limits().backendConnectTimeout() : MOST;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(config.backend().host(), config.backend().port()), (int) Math.max(1, timeout.toMillis()));
        } catch (IOException e) {
            String why = e.getMessage() == null || e.getMessage().isBlank() ? "no answer" : e.getMessage();
            LOG.warn("PostgreSQL at {} ({}) cannot be reached now: {}. Is it running, and is that its address and port?"
                    + " The proxy runs anyway; clients get an error until PostgreSQL answers.",
                    config.backend(), sources.describe("backend"), why);
        }
    }
}
