-- What the misbehaving share runs, over and over (a psql learner cycles through them; a pgAdmin learner keeps
-- five Query Tools busy with the first). Each is something a learner does by mistake or on purpose in a class.
-- A cross join counted: 19,614² × 4 rows, far more than the statement timeout lets it finish.
SELECT count(*) FROM person.address a CROSS JOIN person.address b CROSS JOIN production.productcategory c

-- A cross join whose rows are wanted (the proxy's row cap and byte budget end the result, not the work).
SELECT a.*, b.* FROM person.address a CROSS JOIN person.address b

-- Sleeping.
SELECT pg_sleep(600)

-- A huge value: 100 MiB in one cell.
SELECT repeat('x', 100 * 1024 * 1024) AS huge

-- A big sort that spills to temporary files.
SELECT count(DISTINCT x) FROM (SELECT md5(g::text) AS x FROM generate_series(1, 20000000) g) s
