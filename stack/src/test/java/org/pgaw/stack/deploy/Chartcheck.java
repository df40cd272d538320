package org.pgaw.stack.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pgaw.stack.support.Command;

/** deploy/tools/chartcheck, built by .ci/install-stack.sh into /opt/pgaw-tools (PGAW_CHARTCHECK moves it). */
public final class Chartcheck {
    private Chartcheck() { }

    public static Path path() {
        String v = System.getProperty("pgaw.chartcheck");
        if (v == null || v.isBlank()) v = System.getenv("PGAW_CHARTCHECK");
        Path p = Path.of(v == null || v.isBlank() ? "/opt/pgaw-tools/chartcheck" : v);
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException(p + " is missing: run `bash .ci/install-stack.sh` (as root) first");
        }
        return p;
    }

    /** Runs it on the chart with these arguments; the result carries its exit code and everything it printed. */
    public static Command.Result run(Path chart, List<String> args) {
        List<String> command = new ArrayList<>(List.of(path().toString(), "-chart", chart.toString()));
        command.addAll(args);
        return Command.run(command, Map.of(), chart, Duration.ofSeconds(90));
    }
}
