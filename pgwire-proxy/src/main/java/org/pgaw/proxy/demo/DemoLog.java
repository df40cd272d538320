package org.pgaw.proxy.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The demo's logging. Its terminal shows the instructions, which must not scroll away under one line per session:
 * so every log line goes to a file under the work directory, and the terminal gets only what the person watching
 * wants to see: guard events (a learner hit a limit) and problems, one short line each. {@link #close()} puts the
 * previous logging back (tests start demos inside a JVM that logs on).
 */
public final class DemoLog implements AutoCloseable {
    /** Guard events are the INFO lines the session's guards log, all starting with this word. */
    static final String GUARD_EVENT_PREFIX = "guard ";
    private static final String FILE_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{24} - %msg%n";
    private static final String TERMINAL_PATTERN = "%d{HH:mm:ss} %replace(%level: ){'(INFO|DEBUG|TRACE): ', ''}%msg%n";
    /**
     * Its warning about the self-signed certificate is for operators; the demo's instructions already say the
     * certificate is self-signed, and nothing else from it concerns the demo (no certificate files to reload).
     */
    private static final String SERVER_TLS_LOGGER = "org.pgaw.proxy.tls.ServerTls";

    private final Logger root;
    private final Level previousLevel;
    private final List<Appender<ILoggingEvent>> previous;
    private final List<Appender<ILoggingEvent>> own;
    private final Path file;

    private DemoLog(Logger root, Level previousLevel, List<Appender<ILoggingEvent>> previous,
                    List<Appender<ILoggingEvent>> own, Path file) {
        this.root = root;
        this.previousLevel = previousLevel;
        this.previous = previous;
        this.own = own;
        this.file = file;
    }

    /** Sends every line to {@code file} (appending) and guard events and warnings to {@code terminal}. */
    public static DemoLog install(Path file, PrintStream terminal) throws DemoException {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            throw new IllegalStateException("the demo's logging needs logback");
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new DemoException("Cannot create the directory of the demo's log " + file + ": " + e.getMessage()
                    + ". Choose another work directory with --workdir DIR.", e);
        }
        org.pgaw.proxy.ops.SafeLogMessage.install(ctx); // a learner's application_name must not forge lines
        FileAppender<ILoggingEvent> toFile = new FileAppender<>();
        toFile.setContext(ctx);
        toFile.setName("demo-file");
        toFile.setFile(file.toString());
        toFile.setAppend(true);
        toFile.setEncoder(encoder(ctx, FILE_PATTERN));
        toFile.start();
        if (!toFile.isStarted()) throw new DemoException("Cannot write the demo's log " + file + ". Choose another work directory with --workdir DIR.");

        OutputStreamAppender<ILoggingEvent> toTerminal = new OutputStreamAppender<>();
        toTerminal.setContext(ctx);
        toTerminal.setName("demo-terminal");
        toTerminal.setEncoder(encoder(ctx, TERMINAL_PATTERN));
        toTerminal.setOutputStream(notClosing(terminal)); // stopping the appender must not close System.out
        toTerminal.addFilter(new WorthShowing());
        toTerminal.start();

        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<Appender<ILoggingEvent>> previous = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) previous.add(it.next());
        Level previousLevel = root.getLevel();
        previous.forEach(root::detachAppender);
        root.addAppender(toFile);
        root.addAppender(toTerminal);
        if (!root.isEnabledFor(Level.INFO)) root.setLevel(Level.INFO); // the file is only useful with the sessions in it
        return new DemoLog(root, previousLevel, previous, List.of(toFile, toTerminal), file);
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        for (Appender<ILoggingEvent> a : own) {
            root.detachAppender(a);
            a.stop();
        }
        previous.forEach(root::addAppender);
        root.setLevel(previousLevel);
    }

    /** Guard events, and warnings and errors except the operator's certificate advice. */
    static final class WorthShowing extends Filter<ILoggingEvent> {
        @Override
        public FilterReply decide(ILoggingEvent e) {
            if (e.getLoggerName().equals(SERVER_TLS_LOGGER)) return FilterReply.DENY;
            if (e.getLevel().isGreaterOrEqual(Level.WARN)) return FilterReply.ACCEPT;
            String m = e.getMessage();
            return m != null && m.startsWith(GUARD_EVENT_PREFIX) ? FilterReply.ACCEPT : FilterReply.DENY;
        }
    }

    private static PatternLayoutEncoder encoder(LoggerContext ctx, String pattern) {
        PatternLayoutEncoder enc = new PatternLayoutEncoder();
        enc.setContext(ctx);
        enc.setPattern(pattern);
        enc.start();
        return enc;
    }

    private static OutputStream notClosing(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
