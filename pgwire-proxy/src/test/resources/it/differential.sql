-- The differential corpus: run by psql straight against PostgreSQL and through the target; the outputs
-- (results, errors, notices, command tags) must be identical. Guards are off for this, so no difference is allowed.
SELECT 1 AS one, 'two' AS two, NULL AS nothing;
SELECT g, g * g AS square FROM generate_series(1, 50) g;
SELECT 1/0;
SELECT 'after an error the session goes on';
BEGIN;
SELECT 1;
SELECT * FROM no_such_table;
SELECT 2;
ROLLBACK;
SELECT 'x' AS first \; SELECT 'y' AS second \; SELECT 'z' AS third;
SELECT 'a' \; SELECT 1/0 \; SELECT 'never shown';
DO $$ BEGIN RAISE NOTICE 'a notice %', 42; RAISE WARNING 'a warning'; END $$;
CREATE TEMP TABLE d (id int PRIMARY KEY, v text);
INSERT INTO d SELECT g, md5(g::text) FROM generate_series(1, 1000) g;
INSERT INTO d VALUES (1, 'duplicate');
SELECT count(*), min(v), max(v) FROM d;
UPDATE d SET v = upper(v) WHERE id <= 5 RETURNING id, v;
DELETE FROM d WHERE id > 990;
COPY (SELECT * FROM d ORDER BY id LIMIT 5) TO STDOUT;
COPY d FROM STDIN;
2001	from stdin
2002	also from stdin
\.
SELECT * FROM d WHERE id > 2000 ORDER BY id;
SELECT ''::text AS empty, E'tab\there' AS tab, 'unicode ✓ ö' AS uni;
SELECT array[1,2,3] AS arr, '{"a": 1}'::jsonb AS doc, date '2020-01-01' + 1 AS day, 1.5::numeric(10,3) AS num;
SELECT '\x00ff'::bytea AS bytes;
PREPARE p(int) AS SELECT $1 * 2 AS doubled;
EXECUTE p(21);
DEALLOCATE p;
BEGIN;
DECLARE c CURSOR FOR SELECT g FROM generate_series(1, 10) g;
FETCH 3 FROM c;
FETCH ALL FROM c;
CLOSE c;
COMMIT;
SET application_name = 'differential';
SHOW application_name;
LISTEN ch;
NOTIFY ch, 'payload';
SELECT 'after notify';
SELECT repeat('w', 100000) = repeat('w', 100000) AS wide_ok, length(repeat('w', 300000)) AS len;
SELECT pg_sleep(0.1);
;
SELECT;
