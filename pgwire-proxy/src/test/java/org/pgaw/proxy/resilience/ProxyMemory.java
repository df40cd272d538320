package org.pgaw.proxy.resilience;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The proxy's buffer memory (the proxy runs in the test JVM): what Netty's default allocator holds, direct and
 * heap. {@link #peakWhile} samples it every few milliseconds while an attack runs.
 */
final class ProxyMemory {
    private ProxyMemory() { }

    static long used() {
        if (!(ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider p)) {
            throw new IllegalStateException("the default allocator reports no memory: " + ByteBufAllocator.DEFAULT);
        }
        ByteBufAllocatorMetric m = p.metric();
        return m.usedDirectMemory() + m.usedHeapMemory();
    }

    /** Samples {@link #used()} on a daemon thread until the returned sampler is stopped. */
    static Sampler sample() {
        return new Sampler();
    }

    static final class Sampler implements AutoCloseable {
        private final AtomicLong peak = new AtomicLong(used());
        private final Thread thread;
        private volatile boolean running = true;

        private Sampler() {
            thread = new Thread(() -> {
                while (running) {
                    peak.accumulateAndGet(used(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "proxy-memory-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        long peak() { return peak.get(); }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join();
            peak.accumulateAndGet(used(), Math::max);
        }
    }
}
