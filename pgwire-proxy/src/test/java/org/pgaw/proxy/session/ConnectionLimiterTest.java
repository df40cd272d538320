package org.pgaw.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConnectionLimiterTest {
    @Test
    void perUserSlotsAreCountedAndReleased() {
        ConnectionLimiter l = new ConnectionLimiter(100, 100, 2);
        assertThat(l.acquireUser("a")).isTrue();
        assertThat(l.acquireUser("a")).isTrue();
        assertThat(l.acquireUser("a")).isFalse();
        assertThat(l.acquireUser("b")).isTrue();
        assertThat(l.sessionsOf("a")).isEqualTo(2);
        l.releaseUser("a");
        assertThat(l.acquireUser("a")).isTrue();
        l.releaseUser("a");
        l.releaseUser("a");
        l.releaseUser("b");
        assertThat(l.sessionsOf("a")).isZero();
        assertThat(l.sessionsOf("b")).isZero();
    }

    @Test
    void zeroMeansNoPerUserLimit() {
        ConnectionLimiter l = new ConnectionLimiter(100, 100, 0);
        for (int i = 0; i < 1000; i++) assertThat(l.acquireUser("a")).isTrue();
        assertThat(l.sessionsOf("a")).isZero();
    }

    @Test
    void concurrentAcquiresNeverAdmitMoreThanTheLimit() throws Exception {
        ConnectionLimiter l = new ConnectionLimiter(1000, 1000, 7);
        AtomicInteger admitted = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int k = 0; k < 50; k++) if (l.acquireUser("same")) admitted.incrementAndGet();
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) t.join();
        assertThat(admitted.get()).isEqualTo(7);
        assertThat(l.sessionsOf("same")).isEqualTo(7);
    }
}
