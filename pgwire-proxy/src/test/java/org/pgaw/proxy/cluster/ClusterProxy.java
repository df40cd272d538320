package org.pgaw.proxy.cluster;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pgaw.proxy.it.support.Proc;

/** The real command line ({@code org.pgaw.proxy.Main}) in a JVM of its own, configured by PGAW_* variables. */
final class ClusterProxy implements AutoCloseable {
    private final Proc.Running running;
    final int port;

    private ClusterProxy(Proc.Running running, int port) {
        this.running = running;
        this.port = port;
    }

    /** Starts the JVM without waiting; {@link #awaitListening()} waits (so several can start at once). */
    static ClusterProxy launch(int port, Map<String, String> env) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx128m");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.pgaw.proxy.Main");
        return new ClusterProxy(Proc.of(cmd).env(env).timeout(Duration.ofMinutes(5)).start(), port);
    }

    ClusterProxy awaitListening() {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline && running.isAlive()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return this;
            } catch (java.io.IOException notYet) {
                sleep(100);
            }
        }
        String err = output();
        running.kill();
        throw new AssertionError("proxy on port " + port + " did not start:\n" + err);
    }

    String output() { return running.stdoutSoFar() + running.stderrSoFar(); }

    /** SIGTERM, as an orchestrator stops it; waits until it is gone. */
    void stop() {
        if (running.isAlive()) running.signal("TERM");
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (running.isAlive() && System.nanoTime() < deadline) sleep(50);
        running.kill();
    }

    @Override
    public void close() {
        stop();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
