package org.pgaw.db;

import java.util.List;

/**
 * Decodes SQL Server's binary hierarchyid into its path text ({@code /}, {@code /1/}, {@code /3/1/18/}).
 *
 * <p>The binary form is a bit string read from the most significant bit of the first byte. Each label is
 * one pattern: a prefix that names a value range, value bits (some patterns interleave fixed 0/1 bits
 * with them), and a final bit that is 1 when the level ends with a slash and 0 when a dot and another
 * number follow (then the stored value is one more than the label). Zero bits pad the end to a byte.
 * The empty value is the root. Patterns as documented in Microsoft's [MS-SSCLRT] "HIERARCHYID" section.
 */
public final class HierarchyId {
    /** x = a value bit, 0/1 = a fixed bit, T = the level terminator. */
    private record Pattern(String bits, long min) {
        String prefix() {
            return bits.substring(0, bits.indexOf('x'));
        }
    }

    private static final List<Pattern> PATTERNS = List.of(
            new Pattern("01xxT", 0),
            new Pattern("100xxT", 4),
            new Pattern("101xxxT", 8),
            new Pattern("110xx0x1xxxT", 16),
            new Pattern("1110xxx0xxx0x1xxxT", 80),
            new Pattern("11110xxxxx0xxx0x1xxxT", 1104),
            new Pattern("111110xxxxxxxxxxxxxxxxxxx0xxxxxx0xxx0x1xxxT", 5200),
            new Pattern("111111xxxxxxxxxxxxxx0xxxxxxxxxxxxxxxxxxxxx0xxxxxx0xxx0x1xxxT", 4294972496L),
            new Pattern("00111xxxT", -8),
            new Pattern("0010xx0x1xxxT", -72),
            new Pattern("000110xxxxx0xxx0x1xxxT", -4168),
            new Pattern("000101xxxxxxxxxxxxxxxxxxx0xxxxxx0xxx0x1xxxT", -4294971464L),
            new Pattern("000100xxxxxxxxxxxxxx0xxxxxxxxxxxxxxxxxxxxx0xxxxxx0xxx0x1xxxT", -281479271682120L));

    private HierarchyId() { }

    /** The path of a hex-encoded hierarchyid (no {@code 0x}); null or empty is the root {@code /}. */
    public static String pathFromHex(String hex) {
        if (hex == null || hex.isEmpty()) return "/";
        return path(Hex.decode(hex));
    }

    public static String path(byte[] value) {
        int totalBits = value.length * 8;
        StringBuilder out = new StringBuilder("/");
        int pos = 0;
        while (pos < totalBits && !onlyZerosFrom(value, pos)) {
            Pattern p = match(value, pos);
            long v = 0;
            boolean terminal = false;
            for (int i = 0; i < p.bits().length(); i++) {
                if (pos >= totalBits) throw new IllegalArgumentException("hierarchyid ends inside a label");
                int bit = bit(value, pos++);
                char c = p.bits().charAt(i);
                switch (c) {
                    case 'x' -> v = (v << 1) | bit;
                    case 'T' -> terminal = bit == 1;
                    default -> {
                        if (bit != c - '0') throw new IllegalArgumentException("hierarchyid has a malformed label at bit " + (pos - 1));
                    }
                }
            }
            long label = p.min() + v;
            out.append(terminal ? label : label - 1).append(terminal ? '/' : '.');
        }
        if (out.charAt(out.length() - 1) == '.') throw new IllegalArgumentException("hierarchyid ends after a dot");
        return out.toString();
    }

    private static Pattern match(byte[] value, int pos) {
        for (Pattern p : PATTERNS) {
            String prefix = p.prefix();
            if (pos + prefix.length() > value.length * 8) continue;
            boolean ok = true;
            for (int i = 0; i < prefix.length() && ok; i++) ok = bit(value, pos + i) == prefix.charAt(i) - '0';
            if (ok) return p;
        }
        throw new IllegalArgumentException("hierarchyid has an unknown label pattern at bit " + pos);
    }

    private static int bit(byte[] value, int pos) {
        return (value[pos >>> 3] >>> (7 - (pos & 7))) & 1;
    }

    private static boolean onlyZerosFrom(byte[] value, int pos) {
        for (int i = pos; i < value.length * 8; i++) if (bit(value, i) != 0) return false;
        return true;
    }
}
