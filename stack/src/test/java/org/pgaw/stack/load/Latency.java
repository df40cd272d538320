package org.pgaw.stack.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Latency percentiles (nearest rank, milliseconds) and errors of a set of queries.
 *
 * @param errorKinds errors by their message (shortened), most frequent first
 */
record Latency(int queries, double p50, double p95, double p99, double max, int errors, Map<String, Integer> errorKinds) {
    static Latency of(List<QueryLog.Query> qs) {
        List<Double> ms = new ArrayList<>(qs.stream().map(QueryLog.Query::millis).sorted().toList());
        Map<String, Integer> kinds = new LinkedHashMap<>();
        qs.stream().filter(q -> !q.ok()).map(q -> kind(q.error()))
                .collect(java.util.stream.Collectors.groupingBy(k -> k, java.util.stream.Collectors.counting()))
                .entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> kinds.put(e.getKey(), e.getValue().intValue()));
        int errors = (int) qs.stream().filter(q -> !q.ok()).count();
        return new Latency(qs.size(), pct(ms, 50), pct(ms, 95), pct(ms, 99), ms.isEmpty() ? 0 : ms.get(ms.size() - 1),
                errors, kinds);
    }

    /** Nearest-rank percentile; 0 for no samples. */
    static double pct(List<Double> sorted, double p) {
        if (sorted.isEmpty()) return 0;
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return round(sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1))));
    }

    /** An error message without what varies between learners (the psql line number, the learner's name). */
    static String kind(String error) {
        String e = error;
        int at = e.indexOf("ERROR:");
        if (at >= 0) e = e.substring(at);
        e = e.replaceAll("psql:<stdin>:\\d+: ", "").replaceAll("learner\\d+", "learnerN");
        return e.length() > 90 ? e.substring(0, 90) + "..." : e;
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    String percentiles() {
        return queries == 0 ? "-" : String.format("%.0f / %.0f / %.0f", p50, p95, p99);
    }
}
