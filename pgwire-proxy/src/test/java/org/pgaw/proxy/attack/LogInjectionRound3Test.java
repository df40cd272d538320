package org.pgaw.proxy.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.pgaw.proxy.ops.SafeLogMessage;
import org.slf4j.LoggerFactory;

/**
 * Round 3, finding 3: log injection. A learner's application_name
 * {@code "psql\n2026-12-06T13:20:00.000Z INFO  [loop-1] o.p.p.s.GuardSession - guard refused user=learner2 ...
 * \x1b[31mFORGED\x1b[0m"} appeared in the proxy's log and the demo's terminal as a line of its own blaming another
 * learner, with the learner's terminal escape codes. Every log message now has its control characters escaped.
 */
class LogInjectionRound3Test {
    private static final String FORGED = "2026-12-06T13:20:00.000Z INFO  [loop-1] o.p.p.s.GuardSession - guard refused"
            + " user=learner2";
    private static final String APP = "psql\n" + FORGED + " \u001b[31mFORGED\u001b[0m\r\u2028\u202e";

    @Test
    void escapeKeepsOneLineAndNoTerminalControl() {
        String safe = SafeLogMessage.escape("application=" + APP);
        assertThat(safe).doesNotContain("\n", "\r", "\u001b", "\u2028", "\u202e")
                .contains("psql\\x0a2026-12-06", "\\x1b[31mFORGED", "\\u2028", "\\u202e");
        assertThat(SafeLogMessage.escape("plain text, ünïcode, tabs\tno")).isEqualTo("plain text, ünïcode, tabs\\x09no");
        assertThat(SafeLogMessage.escape("nothing to do")).isSameAs("nothing to do".intern());
    }

    @Test
    void theShippedLoggingConfigurationEscapesMessages() throws Exception {
        LoggerContext ctx = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(ctx);
        URL shipped = SafeLogMessage.class.getResource("/logback.xml");
        assertThat(shipped).as("the main logback.xml on the classpath").isNotNull();
        configurator.doConfigure(shipped);
        @SuppressWarnings("unchecked")
        Map<String, ?> rules = (Map<String, ?>) ctx.getObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS);
        assertThat(rules).containsKeys("msg", "m", "message");
        ctx.stop();
    }

    @Test
    void aLearnersApplicationNameCannotForgeALogLine() throws SQLException {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        SafeLogMessage.install(ctx);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern("%logger{0} - %msg%n");
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(ctx);
        appender.setEncoder(encoder);
        appender.setOutputStream(captured);
        appender.start();
        Logger sessions = ctx.getLogger("org.pgaw.proxy.session");
        Level before = sessions.getLevel();
        sessions.setLevel(Level.INFO);
        sessions.addAppender(appender);
        try (Round3Setup setup = Round3Setup.start()) {
            Properties p = new Properties();
            p.setProperty("ApplicationName", APP);
            p.setProperty("assumeMinServerVersion", "9.0"); // pgjdbc then sends it in the StartupMessage
            try (Connection c = setup.learner(p); Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.execute("DELETE FROM " + Round3Setup.TABLE)).isInstanceOf(SQLException.class);
            }
        } finally {
            sessions.detachAppender(appender);
            sessions.setLevel(before);
            appender.stop();
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        List<String> lines = Arrays.asList(log.split("\n"));
        assertThat(log).as("the session was logged with its application name: " + log).contains("FORGED");
        assertThat(lines).as("no line of the log was written by the learner")
                .noneMatch(l -> l.startsWith("2026-12-06T13:20:00.000Z"))
                .allMatch(l -> l.matches("^[A-Za-z]+ - .*"));
        assertThat(log).doesNotContain("\u001b", "\r", "\u2028", "\u202e");
    }
}
