package org.pgaw.proxy.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 0}) and byte sizes ({@code 65536},
 * {@code 64KiB}, {@code 64MiB}, {@code 1GiB}) as an operator writes them, and back.
 * Sizes are binary: {@code kB}/{@code KiB} = 1024 like PostgreSQL's own settings, so both spellings mean the same.
 * A bare number is bytes for a size, but is refused for a duration (unless 0): "30" could mean seconds or ms.
 */
public final class Units {
    private static final Pattern DURATION_PART = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})\\s*([a-z]*)");
    private static final int MAX_TEXT = 64;
    /** Longer than any sensible timeout, short enough that no caller's arithmetic in milliseconds overflows. */
    private static final Duration MAX_DURATION = Duration.ofDays(366);

    private Units() { }

    public static Duration parseDuration(String text) {
        String t = normalise(text, "a duration such as 30s");
        if (t.equals("0")) return Duration.ZERO;
        Matcher m = DURATION_PART.matcher(t);
        Duration total = Duration.ZERO;
        int at = 0;
        while (at < t.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("'" + text.trim() + "' is not a duration: write e.g. 500ms, 30s, 5m, 1h30m, 2d or 0");
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            at = m.end();
            if (total.compareTo(MAX_DURATION) > 0) {
                throw new IllegalArgumentException("'" + text.trim() + "' is longer than the 366 days a duration may be");
            }
        }
        return total;
    }

    /** The shortest exact spelling: 30s, 5m, 1h30m, 1500ms, 0s. */
    public static String formatDuration(Duration d) {
        if (d.isZero()) return "0s";
        long ms = d.toMillis();
        if (ms % 1000 != 0) return ms + "ms";
        long s = ms / 1000;
        StringBuilder out = new StringBuilder();
        long[] sizes = {86_400, 3600, 60, 1};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (s >= sizes[i]) {
                out.append(s / sizes[i]).append(units[i]);
                s %= sizes[i];
            }
        }
        return out.toString();
    }

    public static long parseSize(String text) {
        String t = normalise(text, "a size such as 64MiB");
        Matcher m = SIZE.matcher(t);
        if (!m.matches()) throw badSize(text);
        long shift = switch (m.group(2)) {
            case "", "b" -> 0;
            case "k", "kb", "kib" -> 10;
            case "m", "mb", "mib" -> 20;
            case "g", "gb", "gib" -> 30;
            case "t", "tb", "tib" -> 40;
            default -> throw badSize(text);
        };
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw badSize(text);
        }
        if (n > (Long.MAX_VALUE >> shift)) throw new IllegalArgumentException("'" + text.trim() + "' is too large");
        return n << shift;
    }

    /** The largest binary unit that divides exactly: 64MiB, 256KiB, 1000. */
    public static String formatSize(long bytes) {
        String[] units = {"TiB", "GiB", "MiB", "KiB"};
        int[] shifts = {40, 30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << shifts[i];
            if (bytes != 0 && bytes % unit == 0) return (bytes / unit) + units[i];
        }
        return Long.toString(bytes);
    }

    private static String normalise(String text, String expected) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("empty value, expected " + expected);
        if (text.length() > MAX_TEXT) throw new IllegalArgumentException("is too long to be " + expected);
        return text.trim().toLowerCase(Locale.ROOT);
    }

    private static IllegalArgumentException badSize(String text) {
        return new IllegalArgumentException("'" + text.trim() + "' is not a size: write bytes (65536) or use KiB, MiB, GiB (kB, MB, GB mean the same)");
    }
}
