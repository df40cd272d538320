package org.pgaw.stack.e2e;

import java.time.Duration;
import java.util.List;

/**
 * What the learner journey needs from a running class server, whichever way it runs: as local processes
 * (StackTopology, here and in CI) or as the real compose stack under Docker (DockerClassStack).
 */
public interface ClassStack extends AutoCloseable {
    /** A new browser with its own cookie jar, reaching nginx over HTTPS and trusting the stack's certificate. */
    Learner browser(String name);

    /** The learners' accounts (pgAdmin login and database role), as the teacher handed them out. */
    List<PgAdminSetup.LearnerAccount> learners();

    /** Resident memory of the pgAdmin replica behind a route (a, b or c), where pgAdmin keeps query results. */
    long replicaRssBytes(String route);

    /** Kills the replica behind a route and keeps it down. */
    void killReplica(String route);

    /** Rows of a query run by the superuser straight on AdventureWorks (cells as text, SQL NULL as null). */
    List<List<String>> queryDirect(String sql) throws Exception;

    /** The teacher's learners-add.sh and learners-remove.sh, aimed at this stack. */
    OperatorScripts scripts();

    /** host:port of the proxy as the learners' pgAdmin server entry names it. */
    String proxyAsPgAdminSeesIt();

    /** The proxy's row cap for learners. */
    int maxRows();

    /** The proxy's statement timeout for learners. */
    Duration statementTimeout();

    /** Where measurements are reported: "processes" or "docker". */
    String flavour();

    /** Stops everything the stack started and removes what it made. */
    @Override
    void close();
}
