// pgx through pgwire-proxy: capped results and their notice, a bigint LIMIT parameter, cursors fetched 7, 11, 13,
// 143, 1 and MAX_ROWS + 1 rows at a time, a pipelined batch, prepared statements, and cancellation by context.
//
// Usage: pgaw-pgx learner|teacher MAX_ROWS TOTAL_ROWS (connection from PGHOST, PGPORT, PGUSER, PGDATABASE).
// Prints "OK ..." or "FAIL ..." per check and "PGX OK" when none failed (else exit 1).
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"
)

const big = "SELECT * FROM atk.customer WHERE id <= 1500 ORDER BY id"

var (
	failed   int
	learner  bool
	expected int
	mu       sync.Mutex
	notices  []string
)

// check records a failed check and goes on, so that one run lists every finding.
func check(name string, ok bool, detail string) bool {
	if !ok {
		failed++
		fmt.Printf("FAIL %s: %s\n", name, detail)
		return false
	}
	fmt.Printf("OK %s\n", name)
	return true
}

// fatal ends the run: what follows cannot work.
func fatal(name string, err error) {
	fmt.Printf("FAIL %s: %v\n", name, err)
	os.Exit(1)
}

func expectCapped(name string, n int) {
	check(name+" rows", n == expected, fmt.Sprintf("%d rows, expected %d", n, expected))
	mu.Lock()
	defer mu.Unlock()
	guard := 0
	for _, m := range notices {
		if strings.HasPrefix(m, "pgaw") {
			guard++
		}
	}
	if learner {
		check(name+" notice", guard > 0, fmt.Sprintf("no pgaw notice among %v", notices))
	} else {
		check(name+" no notice for the teacher", guard == 0, fmt.Sprint(notices))
	}
	notices = nil
}

func count(rows pgx.Rows, err error) int {
	if err != nil {
		check("query", false, err.Error())
		return -1
	}
	n := 0
	for rows.Next() {
		n++
	}
	if rows.Err() != nil {
		check("rows", false, rows.Err().Error())
	}
	return n
}

func main() {
	learner = os.Args[1] == "learner"
	maxRows, _ := strconv.Atoi(os.Args[2])
	total, _ := strconv.Atoi(os.Args[3])
	expected = total
	if learner {
		expected = maxRows
	}
	ctx := context.Background()
	cfg, err := pgx.ParseConfig("sslmode=disable")
	if err != nil {
		fatal("config", err)
	}
	cfg.OnNotice = func(_ *pgconn.PgConn, n *pgconn.Notice) {
		mu.Lock()
		notices = append(notices, n.Message)
		mu.Unlock()
	}
	cfg.BuildContextWatcherHandler = func(c *pgconn.PgConn) ctxwatch.Handler {
		return &pgconn.CancelRequestContextWatcherHandler{Conn: c, CancelRequestDelay: 0, DeadlineDelay: 5 * time.Second}
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		fatal("connect", err)
	}
	defer conn.Close(ctx)

	expectCapped("query", count(conn.Query(ctx, big)))

	for _, sql := range []string{big + " LIMIT $1", big + " FETCH FIRST $1 ROWS ONLY"} {
		rows, err := conn.Query(ctx, sql, int64(3000000000))
		if err != nil {
			check("bigint parameter binds: "+sql, false, err.Error())
			continue
		}
		n := 0
		for rows.Next() {
			n++
		}
		if rows.Err() != nil {
			check("bigint parameter binds: "+sql, false, rows.Err().Error())
			continue
		}
		expectCapped("bigint parameter: "+sql, n)
	}

	// 7, 11, 13, 143 divide 1001 (the default cap + 1); 1 and maxRows + 1 divide this proxy's cap + 1
	for _, size := range []int{7, 11, 13, 143, 1, maxRows + 1} {
		tx, err := conn.Begin(ctx)
		if err != nil {
			fatal("begin", err)
		}
		if _, err := tx.Exec(ctx, "DECLARE atk_c CURSOR FOR "+big); err != nil {
			fatal("declare", err)
		}
		n := 0
		for {
			k := count(tx.Query(ctx, fmt.Sprintf("FETCH %d FROM atk_c", size)))
			if k <= 0 {
				break
			}
			n += k
		}
		if err := tx.Commit(ctx); err != nil {
			fatal("commit", err)
		}
		expectCapped(fmt.Sprintf("cursor FETCH %d", size), n)
	}

	if _, err := conn.Prepare(ctx, "atk_prepared", "SELECT * FROM atk.customer WHERE id > $1 AND id <= 1500 ORDER BY id"); err != nil {
		fatal("prepare", err)
	}
	for i := 1; i <= 3; i++ {
		expectCapped(fmt.Sprintf("prepared statement, run %d", i), count(conn.Query(ctx, "atk_prepared", 0)))
	}

	batch := &pgx.Batch{}
	batch.Queue(big)
	batch.Queue("SELECT 1")
	batch.Queue(big)
	results := conn.SendBatch(ctx, batch)
	a := count(results.Query())
	b := count(results.Query())
	c := count(results.Query())
	if err := results.Close(); err != nil {
		check("batch", false, err.Error())
	}
	check("pipelined batch", a == expected && b == 1 && c == expected, fmt.Sprintf("%d %d %d", a, b, c))
	mu.Lock()
	notices = nil
	mu.Unlock()

	t0 := time.Now()
	cctx, cancel := context.WithTimeout(ctx, 500*time.Millisecond)
	_, err = conn.Exec(cctx, "SELECT pg_sleep(30)")
	cancel()
	var pgErr *pgconn.PgError
	check("cancel from the library", err != nil && (errors.As(err, &pgErr) && pgErr.Code == "57014" ||
		errors.Is(err, context.DeadlineExceeded)), fmt.Sprint(err))
	check("cancel returns at once", time.Since(t0) < 5*time.Second, time.Since(t0).String())
	var v int
	if err := conn.QueryRow(ctx, "SELECT 42").Scan(&v); err != nil || v != 42 {
		check("the connection works after the cancel", false, fmt.Sprint(err))
	}
	fmt.Println("OK the connection works after the cancel")
	if failed > 0 {
		fmt.Printf("PGX FAILED %d checks\n", failed)
		os.Exit(1)
	}
	fmt.Println("PGX OK")
}
