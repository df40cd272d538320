package org.pgaw.db.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The usual ways to tell that a program is installed, for {@link RequiredProgram#probe()}. */
public final class Installed {
    private Installed() { }

    /** An executable of that name in a directory of PATH (or in one of the extra directories). */
    public static boolean onPath(String name, String... extraDirs) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : (path + File.pathSeparator + String.join(File.pathSeparator, extraDirs)).split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) return true;
        }
        return false;
    }

    /** The command exits 0 within 30 s (a program that starts but lacks a part, e.g. python3 without psycopg). */
    public static boolean succeeds(String... command) {
        if (!onPath(command[0])) return false;
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
