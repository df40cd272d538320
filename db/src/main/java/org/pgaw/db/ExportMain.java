package org.pgaw.db;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Command line for the database image's build stage:
 * {@code java -cp ... org.pgaw.db.ExportMain (--data DIR | --download) --out DIR [--strict]}.
 */
public final class ExportMain {
    private ExportMain() { }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path data = null;
        Path target = null;
        boolean download = false;
        boolean strict = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--data" -> data = Path.of(value(args, ++i, "--data"));
                    case "--out" -> target = Path.of(value(args, ++i, "--out"));
                    case "--download" -> download = true;
                    case "--strict" -> strict = true;
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (target == null || (data == null) == !download) {
                throw new IllegalArgumentException("give --out DIR and exactly one of --data DIR or --download");
            }
            LoadPlan plan = LoadPlan.standard();
            if (download) data = UpstreamFiles.standard(err).fetch(plan.files());
            LoadScript script = LoadScript.build(plan, data, true, strict);
            LoadScript.Finish finish = CopyExport.export(script, target, out::println);
            if (finish.empty().isEmpty()) {
                out.println("Exported the complete AdventureWorks to " + target);
            } else {
                out.println("Exported an INCOMPLETE AdventureWorks to " + target + "; these tables will stay empty:");
                finish.empty().forEach(m -> out.println("  - " + m));
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println("usage: ExportMain (--data DIR | --download) --out DIR [--strict]");
            return 2;
        } catch (LoadException | DownloadException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) throw new IllegalArgumentException(flag + " needs a value");
        return args[i];
    }
}
