package org.pgaw.proxy.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.pgaw.proxy.it.support.Proc;

/** HAProxy in TCP mode in front of the proxies: round robin, a TCP check every 300 ms, redispatch on a refused connect. */
final class Haproxy implements AutoCloseable {
    private final Proc.Running running;
    private final Path config;
    final int port;

    private Haproxy(Proc.Running running, Path config, int port) {
        this.running = running;
        this.config = config;
        this.port = port;
    }

    static boolean available() {
        return Files.isExecutable(Path.of("/usr/sbin/haproxy"));
    }

    static Haproxy start(int port, int... backends) throws IOException {
        StringBuilder servers = new StringBuilder();
        for (int i = 0; i < backends.length; i++) {
            servers.append("  server proxy").append(i).append(" 127.0.0.1:").append(backends[i])
                    .append(" check inter 300ms fall 1 rise 1\n");
        }
        Path cfg = Files.createTempFile("pgaw-haproxy", ".cfg");
        Files.writeString(cfg, """
                global
                  maxconn 500
                defaults
                  mode tcp
                  timeout connect 2s
                  timeout client 1h
                  timeout server 1h
                  retries 2
                  option redispatch
                frontend psql
                  bind 127.0.0.1:%d
                  default_backend proxies
                backend proxies
                  balance roundrobin
                %s""".formatted(port, servers));
        Proc.Running r = Proc.of("/usr/sbin/haproxy", "-db", "-f", cfg.toString()).timeout(Duration.ofMinutes(5)).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline && r.isAlive()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return new Haproxy(r, cfg, port);
            } catch (IOException notYet) {
                ClusterProxy.sleep(50);
            }
        }
        String err = r.stderrSoFar();
        r.kill();
        throw new AssertionError("haproxy did not start:\n" + err);
    }

    @Override
    public void close() throws IOException {
        running.kill();
        Files.deleteIfExists(config);
    }
}
