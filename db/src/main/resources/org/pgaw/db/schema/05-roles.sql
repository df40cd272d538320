-- The two roles of a pgaw database, created (or updated) by a superuser inside the load transaction.
--   owner   owns the database and every AdventureWorks object; the teacher's role.
--   learner may read the five AdventureWorks schemas and nothing else.
-- Variables (psql -v, or substituted by the Java loader): owner, learner, owner_password, learner_password,
-- learner_connection_limit, learner_statement_timeout, learner_idle_in_transaction_timeout, learner_temp_file_limit.

-- Passwords pass through this transaction: keep statements out of the server log, even on error.
SET LOCAL log_statement = 'none';
SET LOCAL log_min_duration_statement = -1;
SET LOCAL log_min_error_statement = 'panic';

SET LOCAL pgaw.owner = :'owner';
SET LOCAL pgaw.learner = :'learner';
SET LOCAL pgaw.owner_password = :'owner_password';
SET LOCAL pgaw.learner_password = :'learner_password';
SET LOCAL pgaw.learner_connection_limit = :'learner_connection_limit';
SET LOCAL pgaw.learner_statement_timeout = :'learner_statement_timeout';
SET LOCAL pgaw.learner_idle_in_transaction_timeout = :'learner_idle_in_transaction_timeout';
SET LOCAL pgaw.learner_temp_file_limit = :'learner_temp_file_limit';

DO $roles$
DECLARE
    owner_role   text := current_setting('pgaw.owner');
    learner_role text := current_setting('pgaw.learner');
    db           text := current_database();
BEGIN
    IF owner_role = learner_role THEN
        RAISE EXCEPTION 'the owner and the learner role must differ (both are %)', owner_role;
    END IF;
    IF length(current_setting('pgaw.owner_password')) < 12 OR length(current_setting('pgaw.learner_password')) < 8 THEN
        RAISE EXCEPTION 'passwords too short: the owner''s needs 12 characters or more, the learner''s 8 or more';
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = owner_role) THEN
        EXECUTE format('CREATE ROLE %I', owner_role);
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = learner_role) THEN
        EXECUTE format('CREATE ROLE %I', learner_role);
    END IF;
    EXECUTE format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD %L',
                   owner_role, current_setting('pgaw.owner_password'));
    EXECUTE format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT '
                   'CONNECTION LIMIT %s PASSWORD %L',
                   learner_role, current_setting('pgaw.learner_connection_limit')::int,
                   current_setting('pgaw.learner_password'));

    -- Second line of defence behind the proxy's guards: the server itself ends what runs too long,
    -- sits idle in a transaction, or spills too much to disk.
    EXECUTE format('ALTER ROLE %I IN DATABASE %I SET statement_timeout = %L', learner_role, db,
                   current_setting('pgaw.learner_statement_timeout'));
    EXECUTE format('ALTER ROLE %I IN DATABASE %I SET idle_in_transaction_session_timeout = %L', learner_role, db,
                   current_setting('pgaw.learner_idle_in_transaction_timeout'));
    EXECUTE format('ALTER ROLE %I IN DATABASE %I SET temp_file_limit = %L', learner_role, db,
                   current_setting('pgaw.learner_temp_file_limit'));
    EXECUTE format('ALTER ROLE %I IN DATABASE %I SET default_transaction_read_only = on', learner_role, db);

    -- Fair share of the CPU (the same values as FairShareSettings.java, which gives them to each learner's role;
    -- stack/learners-add.sh copies them from here). One learner's statement uses one core, never a whole class
    -- server's: no parallel workers (a cross join's count(*) would otherwise take 1 + 2 cores, and with the
    -- proxy's two running statements per learner, six), no JIT (a large estimate compiles for 100-300 ms of CPU
    -- per run, more than the queries of an exercise take), and bounded memory per sort or hash (work_mem with a
    -- multiplier of 1: 200 learners x 2 statements x a few nodes x 4 MB stays well inside the server's memory).
    -- The proxy refuses SET of each of these in guarded sessions (guard/gate/SettingRules).
    EXECUTE format('ALTER ROLE %I IN DATABASE %I SET max_parallel_workers_per_gather = 0', learner_role, db);
    EXECUTE format('ALTER ROLE %I IN DATABASE %I SET jit = off', learner_role, db);
    EXECUTE format('ALTER ROLE %I IN DATABASE %I SET work_mem = %L', learner_role, db, '4MB');
    EXECUTE format('ALTER ROLE %I IN DATABASE %I SET hash_mem_multiplier = 1', learner_role, db);

    EXECUTE format('ALTER DATABASE %I OWNER TO %I', db, owner_role);
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', db);
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', db, learner_role);
    EXECUTE 'REVOKE CREATE ON SCHEMA public FROM PUBLIC';
END
$roles$;
