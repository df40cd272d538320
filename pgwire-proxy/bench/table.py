"""Turns bench/run.sh's results.tsv into the comparison tables (medians, ratios). Args: see run.sh."""
import os
import statistics
import sys
from collections import defaultdict

(results, rss_bench, rss_bench_guards, rss_stream, heap, runs, secs, scale, pg_version,
 bouncer_version) = sys.argv[1:11]

TARGETS = ("direct", "pgbouncer", "proxy", "proxy_guards")
tps = defaultdict(list)
lat = defaultdict(list)
cpu = defaultdict(list)      # middlebox CPU microseconds per transaction
stream = defaultdict(list)   # MB/s per (sslmode, target)
stream_cpu = defaultdict(list)  # middlebox CPU microseconds per MB
stream_bytes = 0
with open(results) as f:
    for line in f:
        kind, proto, clients, target, a, b, c = line.rstrip("\n").split("\t")
        if kind == "pgbench":
            key = (proto, int(clients), target)
            tps[key].append(float(a))
            lat[key].append(float(b))
            cpu[key].append(float(c))
        else:
            stream[(proto, target)].append(float(a))
            stream_cpu[(proto, target)].append(float(c))
            stream_bytes = int(b)


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def ratio(a, b):
    return "%.2f" % (a / b) if b and a == a and b == b else "-"


def us(x):
    return "%.1f" % x if x and x == x else "-"


print()
print("pgwire-proxy benchmark — %s, %s, %d cores, load average %s" % (
    pg_version, bouncer_version, os.cpu_count(), " ".join("%.2f" % x for x in os.getloadavg())))
print("pgbench -S, scale %s, median of %s runs x %s s: TPS / middlebox CPU µs per transaction "
      "(user+system of the PgBouncer or proxy process ÷ transactions); proxy heap -Xmx%s" % (scale, runs, secs, heap))
print()
print("| protocol | clients | direct TPS | PgBouncer | proxy | proxy+guards | proxy TPS/direct | proxy TPS/PgBouncer "
      "| proxy CPU/PgBouncer | guards CPU/no-guards | guards add µs/tx |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for (proto, clients) in sorted({(p, c) for (p, c, _) in tps}, key=lambda k: (k[0] != "simple", k[1])):
    m = {t: med(tps[(proto, clients, t)]) for t in TARGETS}
    u = {t: med(cpu[(proto, clients, t)]) for t in TARGETS}
    cells = [format(round(m["direct"]), ",")]
    cells += ["%s / %s" % (format(round(m[t]), ","), us(u[t])) for t in TARGETS[1:]]
    print("| %s | %d | %s | %s | %s | %s | %s | %+.1f |" % (
        proto, clients, " | ".join(cells), ratio(m["proxy"], m["direct"]), ratio(m["proxy"], m["pgbouncer"]),
        ratio(u["proxy"], u["pgbouncer"]), ratio(u["proxy_guards"], u["proxy"]), u["proxy_guards"] - u["proxy"]))
print()
print("Streaming COPY TO STDOUT of %.2f GB into psql (proxy: guards off), median MB/s / middlebox CPU µs per MB:"
      % (stream_bytes / 1e9))
print()
print("| client link | direct | PgBouncer | proxy | proxy/direct | proxy/PgBouncer | proxy CPU/PgBouncer |")
print("|---|---|---|---|---|---|---|")
for mode in sorted({p for (p, _) in stream}):
    d, b, p = (med(stream[(mode, t)]) for t in ("direct", "pgbouncer", "proxy_stream"))
    bc, pc = (med(stream_cpu[(mode, t)]) for t in ("pgbouncer", "proxy_stream"))
    print("| %s | %.0f | %.0f / %s | %.0f / %s | %s | %s | %s |" % (
        "TLS" if mode == "require" else "plaintext", d, b, us(bc), p, us(pc), ratio(p, d), ratio(p, b),
        ratio(pc, bc)))
if any(k[2] == "before_proxy" for k in tps):
    print()
    print("Before (JAR_BEFORE) and after (JAR), measured interleaved in this run: TPS / middlebox CPU µs per transaction")
    print()
    print("| protocol | clients | proxy before | proxy after | CPU after/before | guards before | guards after "
          "| CPU after/before |")
    print("|---|---|---|---|---|---|---|---|")
    for (proto, clients) in sorted({(p, c) for (p, c, _) in tps}, key=lambda k: (k[0] != "simple", k[1])):
        m = {t: med(tps[(proto, clients, t)]) for t in ("before_proxy", "proxy", "before_guards", "proxy_guards")}
        u = {t: med(cpu[(proto, clients, t)]) for t in m}
        cell = lambda t: "%s / %s" % (format(round(m[t]), ","), us(u[t]))
        print("| %s | %d | %s | %s | %s | %s | %s | %s |" % (
            proto, clients, cell("before_proxy"), cell("proxy"), ratio(u["proxy"], u["before_proxy"]),
            cell("before_guards"), cell("proxy_guards"), ratio(u["proxy_guards"], u["before_guards"])))
if any(t == "before_stream" for (_, t) in stream):
    print()
    print("| stream, client link | proxy before MB/s / CPU µs/MB | proxy after | CPU after/before |")
    print("|---|---|---|---|")
    for mode in sorted({p for (p, _) in stream}):
        b, a = med(stream[(mode, "before_stream")]), med(stream[(mode, "proxy_stream")])
        bc, ac = med(stream_cpu[(mode, "before_stream")]), med(stream_cpu[(mode, "proxy_stream")])
        print("| %s | %.0f / %s | %.0f / %s | %s |" % ("TLS" if mode == "require" else "plaintext", b, us(bc), a,
                                                    us(ac), ratio(ac, bc)))
print()
print("Proxy peak RSS (VmHWM): %s MiB during pgbench (guards off), %s MiB (guards on), %s MiB during streaming" % (
    rss_bench, rss_bench_guards, rss_stream))
