package org.pgaw.proxy.config;

import java.util.Collection;

/** "Did you mean ...?" for a mistyped key, flag or variable: the closest known name by edit distance. */
public final class Suggest {
    private Suggest() { }

    /** " (did you mean 'x'?)" or "" when nothing is close enough to be a typo. */
    public static String didYouMean(String typed, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(typed, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        int tolerance = Math.max(2, typed.length() / 4);
        return best != null && bestDistance <= tolerance ? " (did you mean '" + best + "'?)" : "";
    }

    /** Levenshtein distance; names here are short, so the quadratic table costs nothing. */
    static int distance(String a, String b) {
        if (a.length() > 200 || b.length() > 200) return Integer.MAX_VALUE;
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
