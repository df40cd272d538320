"""The guards as pgAdmin meets them: psycopg 3 (pgAdmin's driver) replaying what a Query Tool tab does.

Arguments: max_rows budget_bytes statement_timeout_s idle_in_transaction_s. Connection settings come from PG*.
Prints one line per check and 'GUARDS OK' when all passed; any failure exits 1 with 'GUARDS FAIL: ...'.
"""
import sys
import threading
import time

import psycopg
from psycopg import errors

INIT = ("SET DateStyle=ISO; SET client_min_messages=notice; "
        "SELECT set_config('bytea_output','hex',false) FROM pg_show_all_settings() WHERE name = 'bytea_output'; "
        "SET client_encoding='UTF8';")
TYPE_LOOKUP = ("SELECT oid, pg_catalog.format_type(oid, NULL) AS typname FROM pg_catalog.pg_type "
               "WHERE oid = ANY(%s) ORDER BY oid")
CROSS_JOIN = "SELECT * FROM generate_series(1,1e5) a, generate_series(1,1e5) b"
CURSOR = '"CURSOR:CONN:4242"'

max_rows, budget, timeout_s, idle_s = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
notices = []


def fail(msg):
    print("GUARDS FAIL: " + msg, flush=True)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg + " (notices: %r)" % notices)


def noticed(text):
    return any(text in n for n in notices)


conn = psycopg.connect("", application_name="pgAdmin 4 - CONN:4242", autocommit=True, connect_timeout=30)
conn.add_notice_handler(lambda d: notices.append(d.message_primary or ""))
monitor = psycopg.connect("", application_name="monitor", autocommit=True, connect_timeout=30)
conn.execute(INIT)
pid = conn.info.backend_pid

# 1. The accidental cross join: capped rows and a notice, fast, and the backend is idle right after.
t0 = time.monotonic()
rows = conn.execute(CROSS_JOIN).fetchall()
took = time.monotonic() - t0
check(len(rows) == max_rows, "cross join returned %d rows" % len(rows))
check(noticed("pgaw: showing the first %d rows" % max_rows), "no row-cap notice")
state = monitor.execute("SELECT state FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone()[0]
check(state == "idle", "backend is %r after the cross join" % state)
print("cross join: %d rows and the notice in %.3f s; backend %s" % (len(rows), took, state), flush=True)
conn.execute(TYPE_LOOKUP, ([23, 25, 1700],)).fetchall()

# 2. A 1 GB wide result is cut at the byte budget; the session goes on.
notices.clear()
t0 = time.monotonic()
rows = conn.execute("SELECT repeat('x', 1000000) FROM generate_series(1, 1000)").fetchall()
took = time.monotonic() - t0
check(len(rows) < 1000 and len(rows) * 1000000 <= budget, "wide result not cut: %d rows" % len(rows))
check(noticed("pgaw: result stopped after"), "no budget notice")
check(conn.execute("SELECT 1").fetchone()[0] == 1, "session unusable after the budget")
print("1 GB result: cut after %d rows in %.3f s" % (len(rows), took), flush=True)

# 3. Server-cursor mode (BEGIN, DECLARE, FETCH FORWARD 1001, CLOSE, COMMIT): the pages stop at the cap.
notices.clear()
conn.autocommit = False
conn.execute("DECLARE %s SCROLL CURSOR FOR %s" % (CURSOR, CROSS_JOIN))
page = conn.execute("FETCH FORWARD 1001 FROM %s" % CURSOR).fetchall()
more = conn.execute("FETCH FORWARD 1001 FROM %s" % CURSOR).fetchall()
conn.execute("CLOSE %s" % CURSOR)
conn.commit()
conn.autocommit = True
check(len(page) == max_rows and len(more) == 0, "server cursor gave %d then %d rows" % (len(page), len(more)))
check(noticed("pgaw: this cursor returns only its first %d rows" % max_rows), "no cursor-cap notice")
print("server cursor: %d rows, then %d" % (len(page), len(more)), flush=True)

# 4. The Stop button: SELECT pg_cancel_backend(pid) on another connection, with the pid the client was given.
result = {}


def sleeper():
    try:
        conn.execute("SELECT pg_sleep(600)")
        result["outcome"] = "finished"
    except errors.QueryCanceled:
        result["outcome"] = "cancelled"


t = threading.Thread(target=sleeper)
t0 = time.monotonic()
t.start()
time.sleep(0.5)
monitor.execute("SELECT pg_cancel_backend(%s)", (pid,))
t.join(30)
check(result.get("outcome") == "cancelled", "Stop did not cancel: %r" % result)
check(time.monotonic() - t0 < timeout_s, "Stop took as long as the timeout")
print("Stop button: cancelled in %.3f s" % (time.monotonic() - t0), flush=True)

# 5. Without Stop, the proxy's statement timeout cancels it; the learner cannot lift it (SET statement_timeout is
#    refused, and would not help).
notices.clear()
try:
    conn.execute("SET statement_timeout = 0")
    fail("SET statement_timeout = 0 was not refused")
except errors.InsufficientPrivilege as e:
    check("statement_timeout" in str(e), "unclear refusal: %s" % e)
t0 = time.monotonic()
try:
    conn.execute("SELECT pg_sleep(600)")
    fail("pg_sleep(600) was not cancelled")
except errors.QueryCanceled as e:
    timeout_error = str(e)
took = time.monotonic() - t0
check(timeout_s - 0.5 <= took < timeout_s + 10, "timeout after %.3f s" % took)
check("cancelled because it ran longer than" in timeout_error and "user request" not in timeout_error,
      "the timeout error does not say what happened: %s" % timeout_error)
check(conn.execute("SELECT 2").fetchone()[0] == 2, "session unusable after the timeout")
print("statement timeout: cancelled after %.3f s" % took, flush=True)

# 6. A transaction left open is rolled back at the idle limit; the connection stays usable.
conn.autocommit = False
conn.execute("SELECT 1")
time.sleep(idle_s + 1.5)
try:
    conn.execute("SELECT 2")
    fail("idle transaction was not ended")
except errors.IdleInTransactionSessionTimeout as e:
    check("rolled back" in str(e), "unclear idle message: %s" % e)
conn.rollback()
conn.autocommit = True
check(conn.execute("SELECT 3").fetchone()[0] == 3, "session unusable after the idle rollback")
print("idle transaction: rolled back, session goes on", flush=True)
print("GUARDS OK", flush=True)
