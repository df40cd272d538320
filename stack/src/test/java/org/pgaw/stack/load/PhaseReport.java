package org.pgaw.stack.load;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one phase measured. CPU is seconds of user+system time over the phase and, beside it, the share of one core
 * (100 % = one core busy the whole phase; the machine has {@code Runtime.availableProcessors()} of them).
 */
record PhaseReport(String name, double seconds, Latency wellBehaved, Latency pgAdmin, Latency psql,
                   Latency misbehaving, Resources resources, Map<String, Long> proxyCounters) {

    record Resources(double proxyCpuSeconds, double proxyCpuPercent, double proxyPeakRssMiB,
                     double postgresCpuSeconds, double postgresCpuPercent, double harnessCpuSeconds,
                     Map<String, Double> replicaPeakRssMiB, Map<String, Double> replicaCpuSeconds,
                     double loadAverageMax) {

        static Resources between(ResourceSampler.Sample from, ResourceSampler.Sample to,
                                 List<ResourceSampler.Sample> all, List<String> replicaNames) {
            double secs = to.atSeconds() - from.atSeconds();
            List<ResourceSampler.Sample> in = all.stream()
                    .filter(s -> s.atSeconds() >= from.atSeconds() && s.atSeconds() <= to.atSeconds()).toList();
            Map<String, Double> replicas = new TreeMap<>();
            Map<String, Double> replicaCpu = new TreeMap<>();
            for (int i = 0; i < replicaNames.size(); i++) {
                int r = i;
                replicas.put(replicaNames.get(i), mib(in.stream().mapToLong(s -> s.replicaRss()[r]).max().orElse(0)));
                replicaCpu.put(replicaNames.get(i), Latency.round(Math.max(0, to.replicaCpu()[r] - from.replicaCpu()[r])));
            }
            double proxyCpu = to.proxyCpu() - from.proxyCpu();
            double pgCpu = to.postgresCpu() - from.postgresCpu();
            return new Resources(Latency.round(proxyCpu), Latency.round(100 * proxyCpu / secs),
                    mib(in.stream().mapToLong(ResourceSampler.Sample::proxyRss).max().orElse(0)),
                    Latency.round(pgCpu), Latency.round(100 * pgCpu / secs),
                    Latency.round(to.harnessCpu() - from.harnessCpu()), replicas, replicaCpu,
                    in.stream().mapToDouble(ResourceSampler.Sample::loadAverage).max().orElse(0));
        }

        static double mib(long bytes) {
            return Latency.round(bytes / 1048576.0);
        }
    }

    static PhaseReport of(int phase, double seconds, List<QueryLog.Query> all, Resources resources,
                          Map<String, Long> counters) {
        List<QueryLog.Query> here = all.stream().filter(q -> q.phase() == phase).toList();
        return new PhaseReport(Phases.NAMES[phase], Latency.round(seconds),
                Latency.of(here.stream().filter(q -> q.who().wellBehaved()).toList()),
                Latency.of(here.stream().filter(q -> q.who() == QueryLog.Who.PGADMIN).toList()),
                Latency.of(here.stream().filter(q -> q.who() == QueryLog.Who.PSQL).toList()),
                Latency.of(here.stream().filter(q -> !q.who().wellBehaved()).toList()),
                resources, counters);
    }
}
