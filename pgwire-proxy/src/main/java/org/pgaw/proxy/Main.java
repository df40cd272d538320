package org.pgaw.proxy;

import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.config.ProxyConfig;

/** Temporary entry point until the command line lands: --listen host:port --backend host:port. */
public final class Main {
    public static void main(String[] args) throws Exception {
        ProxyConfig c = ProxyConfig.defaults().withTls(null);
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--listen")) c = c.withListen(HostPort.parse(args[i + 1]));
            if (args[i].equals("--backend")) c = c.withBackend(HostPort.parse(args[i + 1]));
        }
        ProxyServer server = ProxyServer.start(c);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        Thread.currentThread().join();
    }
}
