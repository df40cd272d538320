-- Learners cannot write, cannot escape, cannot reach each other; the teacher sees and stops everything.
-- The database's own side, independent of the proxy's statement gate. Runs as a superuser inside the load
-- transaction, right after 05-roles.sql. Variables: owner, learner.
--
-- What PostgreSQL does not let us take away (documented in db/README.md): every role may change its own password
-- and its own session defaults (ALTER ROLE CURRENT_USER SET ...). That is why every learner gets a role of their
-- own (stack/learners-add.sh, the demo's --learners N, LearnerRoles.java): the harm stays with the one who does it,
-- and the proxy refuses ALTER ROLE and changes of the guards' settings before they reach the server.

SET LOCAL pgaw.owner = :'owner';
SET LOCAL pgaw.learner = :'learner';

DO $isolation$
DECLARE
    owner_role text := current_setting('pgaw.owner');
    db         text := current_database();
    other      text;
    fn         regprocedure;
BEGIN
    -- The teacher: every session's SQL and state in pg_stat_activity, and pg_cancel_backend /
    -- pg_terminate_backend on any learner's session. Learners get neither: they see and signal only their own.
    EXECUTE format('GRANT pg_read_all_stats, pg_signal_backend TO %I', owner_role);

    -- No other database of this server is a way round the grants below (PUBLIC may connect to and create
    -- temporary tables in every database by default).
    FOR other IN SELECT datname FROM pg_database WHERE datname <> db AND datallowconn LOOP
        EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', other);
    END LOOP;

    -- Large objects are data on disk that even a read-only transaction can create (lo_from_bytea) until
    -- BEGIN READ WRITE; advisory locks fill the server's shared lock table for every session. Creation, writing
    -- and locking go to the owner only (in this database; function privileges are per database).
    FOR fn IN
        SELECT p.oid::regprocedure FROM pg_proc p
        WHERE p.pronamespace = 'pg_catalog'::regnamespace
          AND (p.proname IN ('lo_create', 'lo_creat', 'lo_from_bytea', 'lo_import', 'lo_put', 'lowrite', 'lo_truncate',
                             'lo_truncate64', 'lo_unlink')
               OR p.proname LIKE 'pg\_advisory\_%' OR p.proname LIKE 'pg\_try\_advisory\_%')
    LOOP
        EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', fn);
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %I', fn, owner_role);
    END LOOP;
END
$isolation$;
