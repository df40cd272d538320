package org.pgaw.proxy.guard;

/**
 * A glob pattern for role, database and application names: {@code *} matches any run of characters (also none),
 * {@code ?} exactly one, everything else itself, case-sensitively (PostgreSQL names are case-sensitive). A null
 * pattern matches anything. Matching is linear-ish (greedy with one backtrack point), never exponential.
 */
public final class Glob {
    private final String pattern;

    private Glob(String pattern) {
        this.pattern = pattern;
    }

    public static Glob of(String pattern) {
        return new Glob(pattern);
    }

    public String pattern() {
        return pattern;
    }

    /** A null value (e.g. no application_name sent) is matched as the empty string. */
    public boolean matches(String value) {
        if (pattern == null) {
            return true;
        }
        String s = value == null ? "" : value;
        int p = 0;
        int v = 0;
        int star = -1;
        int starMatch = 0;
        while (v < s.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == s.charAt(v))
                    && pattern.charAt(p) != '*') {
                p++;
                v++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                starMatch = v;
            } else if (star >= 0) {
                p = star + 1;
                v = ++starMatch;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    @Override
    public String toString() {
        return pattern == null ? "*" : pattern;
    }
}
