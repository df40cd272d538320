package org.pgaw.proxy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pgaw.proxy.config.HostPort;

class PeerAddressesTest {
    @Test
    void aNameStandsForEveryAddressItResolvesTo() throws Exception {
        int expected = InetAddress.getAllByName("localhost").length;
        try (PeerAddresses peers = new PeerAddresses(List.of(new HostPort("localhost", 7001), new HostPort("127.0.0.2", 7002)))) {
            peers.refresh();
            List<InetSocketAddress> all = peers.current();
            assertThat(all).hasSize(expected + 1);
            assertThat(all).allMatch(a -> !a.isUnresolved());
            assertThat(all.subList(0, expected)).allMatch(a -> a.getPort() == 7001);
            assertThat(all.get(expected)).isEqualTo(new InetSocketAddress("127.0.0.2", 7002));
        }
    }

    @Test
    void aNameThatDoesNotResolveStaysAsTheNameForTheNextTry() {
        try (PeerAddresses peers = new PeerAddresses(List.of(new HostPort("no-such-peer.invalid", 7001)))) {
            peers.refresh();
            assertThat(peers.current()).singleElement().satisfies(a -> {
                assertThat(a.isUnresolved()).isTrue();
                assertThat(a.getHostString()).isEqualTo("no-such-peer.invalid");
            });
        }
    }
}
