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

    static ClusterProxy start(int port, Map<String, String> env) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx128m");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.pgaw.proxy.Main");
        Proc.Running r = Proc.of(cmd).env(env).timeout(Duration.ofMinutes(5)).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && r.isAlive()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return new ClusterProxy(r, port);
            } catch (java.io.IOException notYet) {
                sleep(100);
            }
        }
        String err = r.stderrSoFar() + r.stdoutSoFar();
        r.kill();
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
