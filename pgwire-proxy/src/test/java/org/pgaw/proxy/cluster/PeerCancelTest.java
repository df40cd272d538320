package org.pgaw.proxy.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PeerCancelTest {
    private final PeerKey key = new PeerKey("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private final PeerKey otherKey = new PeerKey("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));

    @Test
    void aSignedMessageRoundTrips() {
        PeerCancel sent = PeerCancel.fresh(4242, 0xCAFEBABE);
        PeerCancel got = PeerCancel.decode(sent.encode(key), key);
        assertThat(got).isNotNull();
        assertThat(got.pid()).isEqualTo(4242);
        assertThat(got.secret()).isEqualTo(0xCAFEBABE);
        assertThat(got.nonce()).isEqualTo(sent.nonce());
    }

    @Test
    void aWrongKeyOrAnyChangedByteIsRefused() {
        byte[] m = PeerCancel.fresh(4242, 7).encode(key);
        assertThat(PeerCancel.decode(m, otherKey)).isNull();
        for (int i = 0; i < m.length; i++) {
            byte[] changed = m.clone();
            changed[i] ^= 1;
            assertThat(PeerCancel.decode(changed, key)).as("byte %d flipped", i).isNull();
        }
        assertThat(PeerCancel.decode(new byte[PeerCancel.LENGTH - 1], key)).isNull();
    }

    @Test
    void aNonceIsAcceptedOnceAndOnlyWhenFresh() {
        NonceWindow w = new NonceWindow(30_000, 3);
        byte[] n1 = {1};
        assertThat(w.accept(100_000, n1, 100_500)).isTrue();
        assertThat(w.accept(100_000, n1, 100_600)).as("replayed").isFalse();
        assertThat(w.accept(50_000, new byte[] {2}, 100_600)).as("stale").isFalse();
        assertThat(w.accept(200_000, new byte[] {3}, 100_600)).as("from the future").isFalse();
        assertThat(w.accept(100_600, new byte[] {4}, 100_600)).isTrue();
        assertThat(w.accept(100_600, new byte[] {5}, 100_600)).isTrue();
        assertThat(w.accept(100_600, new byte[] {6}, 100_600)).as("full: refuse rather than forget").isFalse();
        assertThat(w.accept(170_000, new byte[] {7}, 170_000)).as("old nonces expired").isTrue();
        assertThat(w.accept(100_000, n1, 170_000)).as("forgotten only once it is stale anyway").isFalse();
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new PeerKey(new byte[16])).hasMessageContaining("at least 32");
    }
}
