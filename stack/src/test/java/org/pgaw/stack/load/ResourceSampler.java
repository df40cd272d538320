package org.pgaw.stack.load;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Once a second: the memory and CPU of every process of the stack, kept for the report's peaks and the chart.
 * CPU is cumulative seconds, so a phase's CPU is the difference of two samples, whatever the sampling missed.
 */
final class ResourceSampler implements AutoCloseable {
    /**
     * One moment. replicaRss, replicaCpu: each pgAdmin replica's worker, in the order of the stack's replicas (a
     * worker's CPU is its own, so a replica restarted by a failure starts again from 0).
     */
    record Sample(double atSeconds, long proxyRss, double proxyCpu, double postgresCpu, double harnessCpu,
                  long[] replicaRss, double[] replicaCpu, double loadAverage) { }

    private final long proxyPid;
    private final long postmasterPid;
    private final List<LongSupplier> replicaWorkerPids;
    private final long startNanos;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    ResourceSampler(long proxyPid, long postmasterPid, List<LongSupplier> replicaWorkerPids, long startNanos) {
        this.proxyPid = proxyPid;
        this.postmasterPid = postmasterPid;
        this.replicaWorkerPids = replicaWorkerPids;
        this.startNanos = startNanos;
        this.thread = new Thread(this::loop, "resource-sampler");
        thread.setDaemon(true);
    }

    void start() {
        sampleNow();
        thread.start();
    }

    /** Takes one sample at once (at a phase boundary) and returns it. */
    synchronized Sample sampleNow() {
        long[] rss = new long[replicaWorkerPids.size()];
        double[] cpu = new double[rss.length];
        for (int i = 0; i < rss.length; i++) {
            long pid = replicaWorkerPids.get(i).getAsLong();
            rss[i] = pid > 0 ? ProcStats.rssBytes(pid) : 0;
            cpu[i] = pid > 0 ? ProcStats.cpuSeconds(pid) : 0;
        }
        Sample s = new Sample((System.nanoTime() - startNanos) / 1e9, ProcStats.rssBytes(proxyPid),
                ProcStats.cpuSeconds(proxyPid), ProcStats.treeCpuSeconds(postmasterPid),
                ProcStats.cpuSeconds(ProcessHandle.current().pid()), rss, cpu, ProcStats.loadAverage());
        samples.add(s);
        return s;
    }

    synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            sampleNow();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
