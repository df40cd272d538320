package org.pgaw.proxy.regress;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The differences a guarded session is allowed to show against PostgreSQL on the regression suite, each an intended
 * guard action with its reason ({@code regress/allowed-differences.txt}). Entries are blocks of {@code key: value}
 * lines separated by blank lines:
 *
 * <ul>
 *   <li>{@code tests:} the test files it applies to (space or comma separated);</li>
 *   <li>{@code refusal:} a regular expression for a line the proxy printed instead of running a statement: a changed
 *       region that contains such a line is explained. With {@code cascade: rest of file}, the later changed regions
 *       of that file (the refused statement's objects are missing there) are explained too, as long as they carry no
 *       other proxy-made line ({@code pgaw:});</li>
 *   <li>{@code rewrite:} a regular expression for text the proxy added to the SQL PostgreSQL ran (it shows where
 *       PostgreSQL prints a statement's text): a region is explained when, with that text taken out of the guarded
 *       lines and runs of spaces and dashes (psql's column padding) made single, both sides are the same;</li>
 *   <li>{@code reason:} why this is the guard doing its job (required).</li>
 * </ul>
 */
final class AllowedDifferences {
    private static final Pattern PROXY_MADE = Pattern.compile("pgaw:");

    record Entry(int number, Set<String> tests, Pattern refusal, boolean cascade, Pattern rewrite, String reason) {
        boolean appliesTo(String test) {
            return tests.contains(test);
        }

        boolean explains(LineDiff.Hunk h) {
            if (refusal != null) return h.added().stream().anyMatch(l -> refusal.matcher(l).find());
            List<String> guarded = h.added().stream().map(l -> squeeze(rewrite.matcher(l).replaceAll(""))).toList();
            List<String> direct = h.removed().stream().map(AllowedDifferences::squeeze).toList();
            return !h.added().isEmpty() && guarded.equals(direct);
        }

        String describe() {
            return "allow-list entry #" + number + " (tests: " + String.join(" ", tests) + ")";
        }
    }

    /** A changed region of one test file and the entry that explains it (null = a real difference). */
    record Verdict(String test, LineDiff.Hunk hunk, Entry explainedBy, boolean byCascade) { }

    private final List<Entry> entries;

    private AllowedDifferences(List<Entry> entries) {
        this.entries = entries;
    }

    static AllowedDifferences load() {
        try (InputStream in = AllowedDifferences.class.getResourceAsStream("/regress/allowed-differences.txt")) {
            if (in == null) throw new IllegalStateException("test resource regress/allowed-differences.txt is missing");
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AllowedDifferences parse(String text) {
        List<Entry> entries = new ArrayList<>();
        for (String block : text.split("\n\\s*\n")) {
            Map<String, String> fields = new LinkedHashMap<>();
            String lastKey = null;
            for (String line : block.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                int colon = line.indexOf(':');
                if (Character.isWhitespace(line.charAt(0)) && lastKey != null) {
                    fields.merge(lastKey, line.strip(), (a, b) -> a + " " + b); // a continued reason
                } else if (colon > 0) {
                    lastKey = line.substring(0, colon).strip();
                    fields.put(lastKey, line.substring(colon + 1).strip());
                } else {
                    throw new IllegalArgumentException("allowed-differences.txt: not 'key: value': " + line);
                }
            }
            if (fields.isEmpty()) continue;
            entries.add(entry(entries.size() + 1, fields));
        }
        return new AllowedDifferences(List.copyOf(entries));
    }

    private static Entry entry(int number, Map<String, String> f) {
        Set<String> known = Set.of("tests", "refusal", "cascade", "rewrite", "reason");
        for (String k : f.keySet()) {
            if (!known.contains(k)) throw new IllegalArgumentException("entry #" + number + ": unknown key " + k);
        }
        if (!f.containsKey("tests") || f.getOrDefault("reason", "").isBlank()) {
            throw new IllegalArgumentException("entry #" + number + " needs tests: and a reason:");
        }
        if (f.containsKey("refusal") == f.containsKey("rewrite")) {
            throw new IllegalArgumentException("entry #" + number + " needs exactly one of refusal: and rewrite:");
        }
        String cascade = f.getOrDefault("cascade", "no");
        if (!cascade.equals("no") && !cascade.equals("rest of file")) {
            throw new IllegalArgumentException("entry #" + number + ": cascade is 'rest of file' or 'no'");
        }
        return new Entry(number, Set.copyOf(Arrays.asList(f.get("tests").split("[\\s,]+"))),
                f.containsKey("refusal") ? Pattern.compile(f.get("refusal")) : null,
                cascade.equals("rest of file"),
                f.containsKey("rewrite") ? Pattern.compile(f.get("rewrite")) : null, f.get("reason"));
    }

    /** Each changed region of one test file, with the entry that explains it if any. */
    List<Verdict> judge(String test, List<LineDiff.Hunk> hunks) {
        List<Verdict> verdicts = new ArrayList<>();
        Entry cascading = null;
        for (LineDiff.Hunk h : hunks) {
            Entry by = entries.stream().filter(e -> e.appliesTo(test) && e.explains(h)).findFirst().orElse(null);
            if (by != null) {
                verdicts.add(new Verdict(test, h, by, false));
                if (by.cascade()) cascading = by;
            } else if (cascading != null && h.added().stream().noneMatch(l -> PROXY_MADE.matcher(l).find())) {
                verdicts.add(new Verdict(test, h, cascading, true));
            } else {
                verdicts.add(new Verdict(test, h, null, false));
            }
        }
        return verdicts;
    }

    /** Entries for tests of this run that explained nothing: the proxy changed, or the list is wrong. */
    List<Entry> unused(List<String> testsRun, List<Verdict> verdicts) {
        return entries.stream()
                .filter(e -> testsRun.stream().anyMatch(e::appliesTo))
                .filter(e -> verdicts.stream().noneMatch(v -> v.explainedBy() == e && !v.byCascade()))
                .toList();
    }

    private static String squeeze(String line) {
        return line.replaceAll(" +", " ").replaceAll("-+", "-").strip();
    }
}
