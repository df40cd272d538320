package org.pgaw.proxy.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogLevelTest {
    @Test
    void theConfiguredLevelReachesTheRootLoggerAndNettyStaysQuiet() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        try {
            LogLevel.apply("debug");
            assertThat(root.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(LoggerFactory.getLogger("org.pgaw.proxy.session.Session").isDebugEnabled()).isTrue();
            assertThat(LoggerFactory.getLogger("io.netty.channel.DefaultChannelPipeline").isInfoEnabled())
                    .as("logback.xml keeps Netty at warn").isFalse();
            LogLevel.apply("off");
            assertThat(LoggerFactory.getLogger("org.pgaw.proxy.Main").isErrorEnabled()).isFalse();
        } finally {
            root.setLevel(before);
        }
    }
}
