package org.pgaw.proxy.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Read-only PostgreSQL standbys for the learners (guarded sessions); the teacher (exempt roles) stays on
 * {@code backend}, the primary. No hosts = every session goes to {@code backend}, as without this section.
 * The health probe logs in as {@code healthUser} (password from {@code healthPasswordFile}, none = trust) to read
 * each server's recovery state and WAL position; any login role can: the functions it calls are PUBLIC.
 *
 * @param hosts              the standbys, host:port each
 * @param maxLag             a standby further behind than this gets no new sessions
 * @param healthInterval     how often each standby (and the primary, for its WAL position) is probed
 * @param healthUser         the role the probe logs in as
 * @param healthPasswordFile a file holding that role's password, or null
 * @param healthDatabase     the database the probe connects to
 */
public record StandbysConfig(List<HostPort> hosts, Duration maxLag, Duration healthInterval, String healthUser,
                             Path healthPasswordFile, String healthDatabase) {
    public StandbysConfig {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }

    public static StandbysConfig defaults() {
        return new StandbysConfig(List.of(), Duration.ofSeconds(30), Duration.ofSeconds(2), "pgaw_health", null, "postgres");
    }

    public boolean enabled() {
        return !hosts.isEmpty();
    }
}
