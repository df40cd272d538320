package org.pgaw.proxy.regress;

import java.util.ArrayList;
import java.util.List;

/**
 * The changed regions of two texts, line by line (what {@code diff -U0} shows), without a diff library: the common
 * head and tail are cut off, the middle is aligned by longest common subsequence. A middle too large to align (more
 * than {@link #MAX_CELLS} line pairs) is reported as one changed region.
 */
final class LineDiff {
    static final long MAX_CELLS = 16_000_000L;

    /**
     * One changed region: {@code removed} lines of the first text from line {@code fromLine} (1-based) were replaced
     * by {@code added} lines of the second text from line {@code toLine}.
     */
    record Hunk(int fromLine, List<String> removed, int toLine, List<String> added) {
        String render() {
            StringBuilder b = new StringBuilder("@@ direct line " + fromLine + ", through the proxy line " + toLine + "\n");
            removed.forEach(l -> b.append("- ").append(l).append('\n'));
            added.forEach(l -> b.append("+ ").append(l).append('\n'));
            return b.toString();
        }
    }

    private LineDiff() { }

    static List<String> lines(String text) {
        return List.of(text.split("\n", -1));
    }

    static List<Hunk> diff(List<String> a, List<String> b) {
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) head++;
        int tail = 0;
        while (tail < a.size() - head && tail < b.size() - head
                && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) tail++;
        List<String> ma = a.subList(head, a.size() - tail);
        List<String> mb = b.subList(head, b.size() - tail);
        if (ma.isEmpty() && mb.isEmpty()) return List.of();
        if ((long) ma.size() * mb.size() > MAX_CELLS || ma.isEmpty() || mb.isEmpty()) {
            return List.of(new Hunk(head + 1, List.copyOf(ma), head + 1, List.copyOf(mb)));
        }
        return aligned(ma, mb, head);
    }

    /** Longest-common-subsequence table over the middle, then a walk that groups unmatched lines into hunks. */
    private static List<Hunk> aligned(List<String> a, List<String> b, int offset) {
        int n = a.size();
        int m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Hunk> hunks = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                i++;
                j++;
                continue;
            }
            int fromI = i;
            int fromJ = j;
            while (i < n || j < m) {
                if (i < n && j < m && a.get(i).equals(b.get(j))) break;
                if (j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) i++;
                else j++;
            }
            hunks.add(new Hunk(offset + fromI + 1, List.copyOf(a.subList(fromI, i)),
                    offset + fromJ + 1, List.copyOf(b.subList(fromJ, j))));
        }
        return hunks;
    }
}
