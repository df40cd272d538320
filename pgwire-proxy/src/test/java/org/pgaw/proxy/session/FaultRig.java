package org.pgaw.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgaw.proxy.testing.WireClient.startup;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.pgaw.proxy.ProxyServer;
import org.pgaw.proxy.config.GuardConfig;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.config.LimitsConfig;
import org.pgaw.proxy.config.ProxyConfig;
import org.pgaw.proxy.testing.FakeBackend;
import org.pgaw.proxy.testing.WireClient;
import org.slf4j.LoggerFactory;

/**
 * The real proxy (guards off, TLS off, default limits) between {@link WireClient}s and a {@link FakeBackend}, with
 * the proxy's log captured. Closing it checks that no script of the fake failed.
 */
final class FaultRig implements AutoCloseable {
    final FakeBackend fake;
    final ProxyServer proxy;
    private final List<WireClient> clients = new ArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    FaultRig() throws IOException {
        fake = new FakeBackend();
        LimitsConfig l = LimitsConfig.defaults();
        ProxyConfig c = ProxyConfig.defaults().withTls(null).withListen(new HostPort("127.0.0.1", 0))
                .withBackend(fake.address()).withAdmin(null)
                .withGuard(new GuardConfig(false, GuardConfig.GuardLimits.defaults(), List.of(), List.of()))
                .withLimits(new LimitsConfig(l.maxConnections(), l.maxConnectionsPerIp(), l.startupTimeout(),
                        l.maxFrontendMessage(), l.backendConnectTimeout(), Duration.ofSeconds(1), l.writeBufferLow(),
                        l.writeBufferHigh()));
        logs.start();
        root.addAppender(logs);
        proxy = ProxyServer.start(c);
    }

    WireClient client() throws IOException {
        WireClient c = new WireClient(proxy.address());
        clients.add(c);
        return c;
    }

    /** Startup through the proxy; asserts the fake's answer arrives as PostgreSQL's would and returns BackendKeyData. */
    static WireClient.Message login(WireClient c) throws IOException {
        c.send(startup("learner", "adventureworks"));
        StringBuilder tags = new StringBuilder();
        WireClient.Message key = null;
        WireClient.Message m;
        do {
            m = c.read();
            tags.append(m.tag());
            if (m.tag() == 'K') key = m;
        } while (m.tag() != 'Z' && m.tag() != 'E');
        assertThat(tags.toString()).as("AuthenticationOk, BackendKeyData, 2 ParameterStatus, ReadyForQuery")
                .isEqualTo("RKSSZ");
        return key;
    }

    /** Log events of the proxy (and Netty) so far that carry a stack trace, or are warnings or errors. */
    List<String> warningsAndStackTraces() {
        List<String> bad = new ArrayList<>();
        for (ILoggingEvent e : events()) {
            if (e.getThrowableProxy() != null || e.getLevel().isGreaterOrEqual(Level.WARN)) {
                bad.add(e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()
                        + (e.getThrowableProxy() != null ? " [stack trace: " + e.getThrowableProxy().getClassName() + "]" : ""));
            }
        }
        return bad;
    }

    /** The formatted messages logged so far at any level. */
    List<String> logLines() {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent e : events()) lines.add(e.getLevel() + " " + e.getFormattedMessage());
        return lines;
    }

    private List<ILoggingEvent> events() {
        synchronized (logs) { // AppenderBase appends under this lock
            return new ArrayList<>(logs.list);
        }
    }

    @Override
    public void close() throws Exception {
        for (WireClient c : clients) c.close();
        proxy.close();
        fake.close();
        root.detachAppender(logs);
        assertThat(fake.failures()).as("the fake backend's scripts ran as written").isEmpty();
    }
}
