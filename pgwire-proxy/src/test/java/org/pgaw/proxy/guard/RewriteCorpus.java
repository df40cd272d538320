package org.pgaw.proxy.guard;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the rewriter corpus files under {@code src/test/resources/guard/}. A case is a block:
 * <pre>
 * ## what the case shows
 * >>> query            (or ">>> statement": the text is one Parse'd statement)
 * SELECT ...           (any number of lines; the final newline is not part of the SQL)
 * <<<                  (or "<<< same" when the text must come back unchanged)
 * SELECT ... LIMIT 1001
 * === LIMIT_ADDED      (the decision per statement, comma-separated; "REFUSED" when the whole Query must be refused)
 * </pre>
 * Every case runs with maxRows = {@value #MAX_ROWS}.
 */
record RewriteCorpus(String file, int line, String title, boolean wholeQuery, String input, String expected,
                     List<String> decisions) {
    static final int MAX_ROWS = 1000;
    static final String[] FILES = {"rewrite-basic.txt", "rewrite-postgres.txt", "rewrite-leave-alone.txt",
        "rewrite-clients.txt", "rewrite-names.txt", "rewrite-catalog.txt",
        "rewrite-split.txt"};

    @Override
    public String toString() {
        return file + ":" + line + " " + title;
    }

    static List<RewriteCorpus> all() throws IOException {
        List<RewriteCorpus> cases = new ArrayList<>();
        for (String f : FILES) {
            cases.addAll(read(f));
        }
        return cases;
    }

    /** {@code COMMENT_1MIB} stands for a mebibyte of comment text, which does not belong in a corpus file. */
    private static String expand(String sql) {
        return sql.replace("COMMENT_1MIB", "x".repeat(1024 * 1024));
    }

    static List<RewriteCorpus> read(String file) throws IOException {
        String text;
        try (InputStream in = RewriteCorpus.class.getResourceAsStream("/guard/" + file)) {
            if (in == null) {
                throw new IOException("missing corpus file " + file);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> lines = Arrays.asList(text.split("\n", -1));
        List<RewriteCorpus> cases = new ArrayList<>();
        int i = 0;
        String title = "";
        while (i < lines.size()) {
            String l = lines.get(i);
            if (l.startsWith("## ")) {
                title = l.substring(3).trim();
                i++;
            } else if (l.startsWith(">>> ")) {
                int start = i + 1;
                boolean whole = switch (l.substring(4).trim()) {
                    case "query" -> true;
                    case "statement" -> false;
                    default -> throw new IOException(file + ":" + (i + 1) + ": bad mode " + l);
                };
                int j = start;
                while (j < lines.size() && !lines.get(j).startsWith("<<<")) {
                    j++;
                }
                String input = String.join("\n", lines.subList(start, j));
                if (j >= lines.size()) {
                    throw new IOException(file + ":" + (i + 1) + ": case without <<<");
                }
                String expected;
                int k;
                if (lines.get(j).trim().equals("<<< same")) {
                    expected = input;
                    k = j + 1;
                } else {
                    k = j + 1;
                    while (k < lines.size() && !lines.get(k).startsWith("===")) {
                        k++;
                    }
                    expected = String.join("\n", lines.subList(j + 1, k));
                }
                if (k >= lines.size() || !(lines.get(k).equals("===") || lines.get(k).startsWith("=== "))) {
                    throw new IOException(file + ":" + (k + 1) + ": case without === decisions");
                }
                String d = lines.get(k).substring(3).trim();
                List<String> decisions = d.isEmpty() ? List.of()
                        : Arrays.stream(d.split(",")).map(String::trim).toList();
                cases.add(new RewriteCorpus(file, i + 1, title, whole, expand(input), expand(expected), decisions));
                i = k + 1;
            } else {
                i++;
            }
        }
        return cases;
    }
}
