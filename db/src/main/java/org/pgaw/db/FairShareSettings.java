package org.pgaw.db;

import java.util.Map;
import java.util.TreeMap;

/**
 * The learners' share of the database server's CPU and memory, set on every learner role (role settings are not
 * inherited through the group): one statement uses one core and bounded memory, so a learner's cross join cannot take
 * the cores the rest of the class needs. The same values are in {@code schema/05-roles.sql} for the group role (from
 * which {@code stack/learners-add.sh} copies them); the reasons and the measurement are in {@code db/README.md}.
 * Learners cannot lift them: the proxy refuses SET of each in guarded sessions, and a change of one's own role
 * defaults (ALTER ROLE, which PostgreSQL allows every role on itself) is refused by the proxy too.
 */
public final class FairShareSettings {
    /** Setting name → value, in a stable order. */
    public static final Map<String, String> VALUES = new TreeMap<>(Map.of(
            "max_parallel_workers_per_gather", "0",
            "jit", "off",
            "work_mem", "4MB",
            "hash_mem_multiplier", "1"));

    private FairShareSettings() { }
}
