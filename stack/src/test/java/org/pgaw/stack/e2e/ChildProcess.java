package org.pgaw.stack.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Forwarder to {@link org.pgaw.stack.support.ChildProcess}, where the stack tests' one process helper now lives. It
 * stays only until compose/ComposeFileTest (being edited elsewhere) imports that class; delete it then.
 */
public final class ChildProcess {
    private ChildProcess() { }

    public static String run(String name, List<String> command, Map<String, String> env, Path workDir,
                             String stdin, Duration timeout) {
        return org.pgaw.stack.support.ChildProcess.run(name, command, env, workDir, stdin, timeout);
    }
}
