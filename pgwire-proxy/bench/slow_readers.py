"""N PostgreSQL clients, each running one large COPY ... TO STDOUT and reading its result slowly, while the RSS of
a process (the proxy) is sampled. Plaintext, trust authentication, raw protocol (one process, no driver buffering:
a client reads exactly as much as its rate allows). Prints one JSON line. Used by slow-streams.sh.

    python3 slow_readers.py --port P --pid PROXY_PID --clients 200 --mb 100 --stall 20 --rate-kb 256 --seconds 40
"""
import argparse
import asyncio
import json
import struct
import time


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


async def handshake(reader, writer, user, database):
    params = b"user\0" + user.encode() + b"\0database\0" + database.encode() + b"\0\0"
    writer.write(struct.pack("!ii", 8 + len(params), 196608) + params)
    await writer.drain()
    while True:
        head = await reader.readexactly(5)
        body = await reader.readexactly(struct.unpack("!i", head[1:])[0] - 4)
        if head[:1] == b"E":
            raise RuntimeError("server refused: %r" % body)
        if head[:1] == b"Z":
            return


async def client(i, args, stats, started):
    reader, writer = await asyncio.open_connection("127.0.0.1", args.port, limit=64 * 1024)
    await handshake(reader, writer, args.user, args.database)
    rows = args.mb * 1000  # 1000-byte lines
    sql = "COPY (SELECT repeat('x', 999) FROM generate_series(1, %d)) TO STDOUT" % rows
    q = sql.encode() + b"\0"
    writer.write(b"Q" + struct.pack("!i", 4 + len(q)) + q)
    await writer.drain()
    stats["connected"] += 1
    await started.wait()
    await asyncio.sleep(args.stall)
    chunk = 16 * 1024
    per_chunk = chunk / (args.rate_kb * 1024.0)
    got = 0
    try:
        while True:
            data = await reader.read(chunk)
            if not data:
                break
            got += len(data)
            stats["bytes"] += len(data)
            await asyncio.sleep(per_chunk)
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        writer.transport.abort()
    return got


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--pid", type=int, required=True)
    p.add_argument("--clients", type=int, default=200)
    p.add_argument("--mb", type=int, default=100)
    p.add_argument("--stall", type=float, default=20)
    p.add_argument("--rate-kb", type=float, default=256)
    p.add_argument("--seconds", type=float, default=40)
    p.add_argument("--user", default="postgres")
    p.add_argument("--database", default="postgres")
    args = p.parse_args()
    idle = rss_kib(args.pid)
    stats = {"connected": 0, "bytes": 0}
    started = asyncio.Event()
    tasks = []
    for i in range(args.clients):
        tasks.append(asyncio.create_task(client(i, args, stats, started)))
        await asyncio.sleep(0.005)
    for _ in range(600):
        if stats["connected"] >= args.clients or any(t.done() for t in tasks):
            break
        await asyncio.sleep(0.05)
    failed = [t for t in tasks if t.done() and t.exception()]
    if failed:
        raise failed[0].exception()
    connected_rss = rss_kib(args.pid)
    started.set()
    t0 = time.monotonic()
    peak = connected_rss
    samples = []
    while time.monotonic() - t0 < args.seconds:
        r = rss_kib(args.pid)
        peak = max(peak, r)
        samples.append(r)
        await asyncio.sleep(0.5)
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    print(json.dumps({
        "clients": args.clients, "result_mb": args.mb, "stall_s": args.stall, "rate_kb_s": args.rate_kb,
        "seconds": args.seconds, "idle_rss_mib": round(idle / 1024, 1),
        "connected_rss_mib": round(connected_rss / 1024, 1), "peak_rss_mib": round(peak / 1024, 1),
        "growth_mib": round((peak - idle) / 1024, 1), "bytes_read": stats["bytes"],
    }))


asyncio.run(main())
