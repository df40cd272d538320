package org.pgaw.proxy.it.support;

/** Samples a process's RSS every few milliseconds on a daemon thread; {@link #maxKib()} is the largest seen. */
public final class RssSampler implements AutoCloseable {
    private final long pid;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long maxKib;
    private volatile long samples;

    public RssSampler(long pid) {
        this.pid = pid;
        this.thread = new Thread(this::loop, "rss-sampler-" + pid);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                maxKib = Math.max(maxKib, ProcessMemory.rssKib(pid));
                samples++;
                Thread.sleep(20);
            } catch (IllegalStateException gone) {
                return;
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    public long maxKib() { return maxKib; }

    public long samples() { return samples; }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(2000);
    }
}
