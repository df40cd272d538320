package org.pgaw.proxy.config;

import java.nio.file.Path;

/**
 * The teacher's console: a web page of the class live (sessions, guard actions) with cancel and end buttons.
 *
 * @param listen       HTTP address of the console; null = off (the default). It speaks plain HTTP: keep it on
 *                     loopback (the demo) or behind a TLS-terminating proxy on a private network (the stack's nginx)
 * @param passwordFile file whose first line is the teacher's password (or a long token); required when on
 * @param history      guard actions kept for the feed (a ring: the oldest is forgotten first)
 */
public record ConsoleConfig(HostPort listen, Path passwordFile, int history) {
    public static final int DEFAULT_HISTORY = 1000;
    public static final int MAX_HISTORY = 100_000;

    public static ConsoleConfig defaults() {
        return new ConsoleConfig(null, null, DEFAULT_HISTORY);
    }

    public boolean enabled() {
        return listen != null;
    }
}
