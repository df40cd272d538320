package org.pgaw.proxy.it.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Starts {@link ForkedProxy} in a JVM with a capped heap and waits until it listens; close() stops it with SIGTERM. */
public final class ForkedProxyProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("LISTENING (\\d+)");

    private final Proc.Running running;
    private final int port;

    private ForkedProxyProcess(Proc.Running running, int port) {
        this.running = running;
        this.port = port;
    }

    public static ForkedProxyProcess start(int backendPort, String maxHeap, boolean guards) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + maxHeap);
        cmd.add("-Dlogback.configurationFile=" + resource("/it/logback-forked.xml"));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ForkedProxy.class.getName());
        cmd.add(Integer.toString(backendPort));
        if (guards) cmd.add("guards");
        Proc.Running r = Proc.of(cmd).timeout(Duration.ofMinutes(5)).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(r.stdoutSoFar());
            if (m.find()) return new ForkedProxyProcess(r, Integer.parseInt(m.group(1)));
            if (!r.isAlive()) break;
            sleep(50);
        }
        String err = r.stderrSoFar();
        r.kill();
        throw new AssertionError("forked proxy did not start:\n" + err);
    }

    public int port() { return port; }

    public long pid() { return running.pid(); }

    public boolean isAlive() { return running.isAlive(); }

    public String stderr() { return running.stderrSoFar(); }

    @Override
    public void close() {
        if (running.isAlive()) {
            running.signal("TERM");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (running.isAlive() && System.nanoTime() < deadline) sleep(50);
        }
        running.kill();
    }

    private static String resource(String name) {
        try {
            return Path.of(ForkedProxyProcess.class.getResource(name).toURI()).toString();
        } catch (Exception e) {
            throw new IllegalStateException("test resource " + name + " missing", e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
