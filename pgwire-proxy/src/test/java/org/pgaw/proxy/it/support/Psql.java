package org.pgaw.proxy.it.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds {@code psql} runs against the target: no psqlrc, unaligned tuples-only output, a hard timeout. */
public final class Psql {
    private Psql() { }

    /** {@code psql -X -A -t} plus {@code args}, as the superuser with the given sslmode. */
    public static Proc as(ItEnv env, String sslmode, String... args) {
        return as(env, env.libpqEnv(ItEnv.SUPERUSER, null, sslmode), args);
    }

    public static Proc as(ItEnv env, Map<String, String> libpqEnv, String... args) {
        List<String> cmd = new ArrayList<>(List.of("psql", "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1"));
        cmd.addAll(List.of(args));
        return Proc.of(cmd).env(libpqEnv).timeout(Duration.ofSeconds(60));
    }
}
