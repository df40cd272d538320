"""Turns bench/run.sh's results.tsv into the comparison table (medians, ratios). Args: see run.sh."""
import os
import statistics
import sys
from collections import defaultdict

(results, rss_bench, rss_bench_guards, rss_stream, heap, runs, secs, scale, pg_version,
 bouncer_version) = sys.argv[1:11]

tps = defaultdict(list)
lat = defaultdict(list)
stream = defaultdict(list)
stream_bytes = {}
with open(results) as f:
    for line in f:
        kind, proto, clients, target, a, b = line.rstrip("\n").split("\t")
        if kind == "pgbench":
            tps[(proto, int(clients), target)].append(float(a))
            lat[(proto, int(clients), target)].append(float(b))
        else:
            stream[target].append(float(a))
            stream_bytes[target] = int(b)


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def ratio(a, b):
    return "%.2f" % (a / b) if b else "-"


print()
print("pgwire-proxy benchmark — %s, %s, %d cores, load average %s" % (
    pg_version, bouncer_version, os.cpu_count(), " ".join("%.2f" % x for x in os.getloadavg())))
print("pgbench -S, scale %s, median of %s runs x %s s, TPS (average latency ms); proxy heap -Xmx%s" % (
    scale, runs, secs, heap))
print()
print("| protocol | clients | direct | PgBouncer | proxy | proxy+guards | proxy/direct | proxy/PgBouncer "
      "| guards/no-guards |")
print("|---|---|---|---|---|---|---|---|---|")
for (proto, clients) in sorted({(p, c) for (p, c, _) in tps}, key=lambda k: (k[0] != "simple", k[1])):
    m = {t: med(tps[(proto, clients, t)]) for t in ("direct", "pgbouncer", "proxy", "proxy_guards")}
    l = {t: med(lat[(proto, clients, t)]) for t in m}
    cells = ["%s (%.3f)" % (format(round(m[t]), ","), l[t]) for t in m]
    print("| %s | %d | %s | %s | %s | %s |" % (proto, clients, " | ".join(cells), ratio(m["proxy"], m["direct"]),
                                               ratio(m["proxy"], m["pgbouncer"]),
                                               ratio(m["proxy_guards"], m["proxy"])))
print()
d, b, p = med(stream["direct"]), med(stream["pgbouncer"]), med(stream["proxy_stream"])
print("Streaming COPY TO STDOUT of %.2f GB into psql, median MB/s:" % (stream_bytes.get("direct", 0) / 1e9))
print()
print("| direct | PgBouncer | proxy | proxy/direct | proxy/PgBouncer |")
print("|---|---|---|---|---|")
print("| %.0f | %.0f | %.0f | %s | %s |" % (d, b, p, ratio(p, d), ratio(p, b)))
print()
print("Proxy peak RSS (VmHWM): %s MiB during pgbench (guards off), %s MiB (guards on), %s MiB during streaming" % (
    rss_bench, rss_bench_guards, rss_stream))
