"""asyncpg through pgwire-proxy: capped results and their notice, a bigint LIMIT parameter, cursors read with
prefetch / fetch sizes 7, 11, 13, 143, 1 and MAX_ROWS + 1, prepared statements, and cancellation from the library.

Usage: python3 matrix.py learner|teacher MAX_ROWS TOTAL_ROWS   (connection from PGHOST, PGPORT, PGUSER, PGDATABASE)
Prints "OK ..." or "FAIL ..." per check, and "ASYNCPG OK" at the end when none failed (else exits 1).
"""
import asyncio
import os
import sys
import time

import asyncpg

MODE, MAX_ROWS, TOTAL = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
LEARNER = MODE == "learner"
EXPECT = MAX_ROWS if LEARNER else TOTAL
BIG = "SELECT * FROM atk.customer WHERE id <= 1500 ORDER BY id"


FAILED = []


def check(name, ok, detail=""):
    """Records a failed check and goes on, so that one run lists every finding."""
    if not ok:
        FAILED.append(name)
        print(f"FAIL {name}: {detail}", flush=True)
    else:
        print(f"OK {name}", flush=True)
    return ok


async def main():
    conn = await asyncpg.connect(host=os.environ["PGHOST"], port=int(os.environ["PGPORT"]),
                                 user=os.environ["PGUSER"], database=os.environ["PGDATABASE"], ssl=False)
    notices = []
    conn.add_log_listener(lambda c, m: notices.append(m.message))

    async def guard_notices():
        await asyncio.sleep(0.05)  # log listeners run as callbacks on the loop
        return [n for n in notices if n.startswith("pgaw")]

    async def expect_capped(name, n):
        check(name + " rows", n == EXPECT, f"{n} rows, expected {EXPECT}")
        g = await guard_notices()
        if LEARNER:
            check(name + " notice", len(g) > 0, f"no pgaw notice among {notices[:3]}")
        else:
            check(name + " no notice for the teacher", not g, str(g))
        notices.clear()

    await expect_capped("fetch", len(await conn.fetch(BIG)))

    for sql in (BIG + " LIMIT $1", BIG + " FETCH FIRST $1 ROWS ONLY"):
        try:
            rows = await conn.fetch(sql, 3000000000)
        except Exception as e:  # noqa: BLE001 - the failure is the finding
            check("bigint parameter binds: " + sql, False, repr(e))
            continue
        await expect_capped("bigint parameter: " + sql, len(rows))

    # 7, 11, 13, 143 divide 1001 (the default cap + 1); 1 and MAX_ROWS + 1 divide this proxy's cap + 1
    for size in (7, 11, 13, 143, 1, MAX_ROWS + 1):
        async with conn.transaction():
            n = 0
            async for _ in conn.cursor(BIG, prefetch=size):
                n += 1
        await expect_capped(f"cursor iteration prefetch={size}", n)
        async with conn.transaction():
            cur = await conn.cursor(BIG)
            n = 0
            while True:
                batch = await cur.fetch(size)
                if not batch:
                    break
                n += len(batch)
        await expect_capped(f"cursor fetch({size})", n)

    stmt = await conn.prepare("SELECT * FROM atk.customer WHERE id > $1 AND id <= 1500 ORDER BY id")
    for i in range(3):
        await expect_capped(f"prepared statement, run {i + 1}", len(await stmt.fetch(0)))

    t0 = time.monotonic()
    try:
        await asyncio.wait_for(conn.fetch("SELECT pg_sleep(30)"), 0.5)
        check("cancel", False, "pg_sleep(30) finished")
    except asyncio.TimeoutError:
        pass
    took = time.monotonic() - t0
    check("cancel from the library returns at once", took < 5, f"{took:.1f} s")
    check("the connection works after the cancel", await conn.fetchval("SELECT 42") == 42)
    await conn.close()
    if FAILED:
        print(f"ASYNCPG FAILED {len(FAILED)} checks", flush=True)
        sys.exit(1)
    print("ASYNCPG OK", flush=True)


asyncio.run(main())
