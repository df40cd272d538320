package org.pgaw.db;

import java.io.PrintStream;

/** A one-line download progress bar on a terminal stream (stderr), redrawn at most every percent. */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final String label;
    private final long total;
    private long lastDrawn = -1;

    ProgressBar(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = total;
    }

    void update(long done) {
        long step = total > 0 ? done * 100 / total : done / (1 << 20);
        if (step == lastDrawn) return;
        lastDrawn = step;
        if (total > 0) {
            int filled = (int) (WIDTH * done / total);
            out.printf("\r%-40s [%s%s] %3d%% %6.1f/%.1f MB", label, "=".repeat(filled), " ".repeat(WIDTH - filled),
                    step, done / 1048576.0, total / 1048576.0);
        } else {
            out.printf("\r%-40s %6.1f MB", label, done / 1048576.0);
        }
        out.flush();
    }

    void done() {
        out.println();
    }
}
