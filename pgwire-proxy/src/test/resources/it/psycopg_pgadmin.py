"""What pgAdmin 4 does with psycopg 3, through the proxy (connection settings come from the PG* environment).

Connects as a Query Tool tab would, runs pgAdmin's init string, checks that the pid it was given is the real
backend pid, runs pgAdmin's type-lookup query (extended protocol), then does what the Stop button does:
SELECT pg_cancel_backend(<pid>) from a second connection while the first runs a long query.
Prints 'PSYCOPG OK ...' and exits 0 when every check passed; anything else is a failure.
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


def fail(msg):
    print("PSYCOPG FAIL: " + msg, flush=True)
    sys.exit(1)


def connect(app):
    return psycopg.connect("", application_name=app, autocommit=True, connect_timeout=10)


def wait_until_active(conn, pid, deadline_s=10.0):
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        row = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s AND state = 'active' "
                           "AND query LIKE '%%pg_sleep%%'", (pid,)).fetchone()
        if row[0] == 1:
            return
        time.sleep(0.05)
    fail("backend %d never started its pg_sleep" % pid)


def main():
    tab = connect("pgAdmin 4 - CONN:4242")
    if tab.pgconn.ssl_in_use != (sys.argv[1] == "tls"):
        fail("ssl_in_use is %s, expected %s" % (tab.pgconn.ssl_in_use, sys.argv[1]))
    tab.execute(INIT)
    if tab.execute("SHOW DateStyle").fetchone()[0] != "ISO, MDY":
        fail("init string did not set DateStyle")
    if tab.execute("SELECT '\\x01ff'::bytea::text").fetchone()[0] != "\\x01ff":
        fail("bytea_output is not hex")

    pid = tab.info.backend_pid
    real = tab.execute("SELECT pg_backend_pid()").fetchone()[0]
    if pid != real:
        fail("client was given pid %d but the backend is %d" % (pid, real))

    types = tab.execute(TYPE_LOOKUP, ([23, 25],)).fetchall()
    if types != [(23, "integer"), (25, "text")]:
        fail("type lookup returned %r" % (types,))

    outcome = {}

    def run_long_query():
        started = time.monotonic()
        try:
            tab.execute("SELECT pg_sleep(30)")
            outcome["error"] = "query finished instead of being cancelled"
        except errors.QueryCanceled:
            outcome["seconds"] = time.monotonic() - started
        except Exception as e:  # anything else is a failure, reported below
            outcome["error"] = "%s: %s" % (type(e).__name__, e)

    runner = threading.Thread(target=run_long_query, daemon=True)
    runner.start()
    with connect("pgAdmin 4 - DB:postgres") as other:
        wait_until_active(other, pid)
        asked = time.monotonic()
        cancelled = other.execute("SELECT pg_cancel_backend(%d);" % pid).fetchone()[0]
        if not cancelled:
            fail("pg_cancel_backend(%d) returned false" % pid)
        runner.join(10)
        if runner.is_alive():
            fail("the cancelled query still runs after 10 s")
        took = time.monotonic() - asked
    if "error" in outcome:
        fail(outcome["error"])
    if took > 5:
        fail("cancel took %.1f s" % took)
    if tab.execute("SELECT 'still usable'").fetchone()[0] != "still usable":
        fail("session unusable after cancel")
    tab.close()
    print("PSYCOPG OK pid=%d cancel_seconds=%.2f" % (pid, took), flush=True)


if __name__ == "__main__":
    main()
