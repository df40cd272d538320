package org.pgaw.proxy.it.support;

import java.util.concurrent.CountDownLatch;
import org.pgaw.proxy.ProxyServer;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.config.ProxyConfig;

/**
 * Entry point of a proxy in its own JVM (so its heap can be capped and its RSS measured alone), started from the
 * test classpath because surefire runs before the shaded jar exists. Prints {@code LISTENING <port>} on stdout when
 * ready; SIGTERM closes it. Args: backend port; optional "guards" to keep GuardConfig's defaults on.
 */
public final class ForkedProxy {
    private ForkedProxy() { }

    public static void main(String[] args) throws InterruptedException {
        int backendPort = Integer.parseInt(args[0]);
        boolean guards = args.length > 1 && args[1].equals("guards");
        ProxyConfig config = ItProxy.transparentConfig(backendPort, null);
        if (guards) config = config.withGuard(ProxyConfig.defaults().guard());
        config = config.withListen(new HostPort("127.0.0.1", 0));
        ProxyServer server = ProxyServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        System.out.println("LISTENING " + server.address().getPort());
        System.out.flush();
        stopped.await();
    }
}
