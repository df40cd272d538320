package org.pgaw.proxy.cluster;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.pgaw.proxy.config.HostPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every address behind the configured peer names, re-resolved every {@value #REFRESH_SECONDS} s on a thread of its
 * own. A peer name may stand for several proxies (a Kubernetes headless Service answers with one address per pod):
 * a cancel must reach each of them, not the one a resolver happens to pick. Resolving off the event loop matters
 * because a lookup can block for seconds. Until the first lookup answers, the names themselves are used.
 * This proxy's own address may be among them: it then receives its own forward, finds no session and does nothing.
 */
final class PeerAddresses implements AutoCloseable {
    static final int REFRESH_SECONDS = 10;
    /** More addresses than any class deployment has proxies: a name that answers with thousands is cut here. */
    static final int MAX_ADDRESSES = 64;
    private static final Logger log = LoggerFactory.getLogger(PeerAddresses.class);

    private final List<HostPort> names;
    private final ScheduledExecutorService refresher;
    private volatile List<InetSocketAddress> current;

    PeerAddresses(List<HostPort> names) {
        this.names = List.copyOf(names);
        this.current = unresolved(this.names);
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pgaw-peer-dns");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 0, REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    List<InetSocketAddress> current() {
        return current;
    }

    void refresh() {
        List<InetSocketAddress> resolved = new ArrayList<>();
        for (HostPort name : names) {
            try {
                for (InetAddress a : InetAddress.getAllByName(name.host())) {
                    if (resolved.size() < MAX_ADDRESSES) resolved.add(new InetSocketAddress(a, name.port()));
                }
            } catch (UnknownHostException e) {
                log.warn("cluster.peers: {} does not resolve now ({}); trying again in {} s", name, e.getMessage(),
                        REFRESH_SECONDS);
                resolved.add(InetSocketAddress.createUnresolved(name.host(), name.port()));
            }
        }
        current = List.copyOf(resolved);
    }

    private static List<InetSocketAddress> unresolved(List<HostPort> names) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (HostPort n : names) out.add(InetSocketAddress.createUnresolved(n.host(), n.port()));
        return List.copyOf(out);
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
