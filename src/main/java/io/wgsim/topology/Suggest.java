package io.wgsim.topology;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean" for misspelt field names and references. */
final class Suggest {
    /** Comparing against more names than this costs more than the hint is worth. */
    private static final int MAX_CANDIDATES = 20_000;

    private Suggest() {}

    /** " (did you mean 'x'?)" for the closest candidate, or "" when none is close. */
    static String hint(String typed, Collection<String> candidates) {
        String best = closest(typed, candidates);
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    /**
     * The candidate closest to {@code typed}: the same once case, '-' and '_' are ignored
     * ({@code AllowedIPs} for {@code allowed-ips}), or a few edits away, or one a prefix of the other.
     */
    static String closest(String typed, Collection<String> candidates) {
        if (candidates.size() > MAX_CANDIDATES) {
            return null;
        }
        String t = normal(typed);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            String n = normal(c);
            if (n.equals(t)) {
                return c;
            }
            if (t.length() < 3) {
                // One edit turns any short name into any other: no hint beats a wrong one.
                continue;
            }
            int d = distance(t, n);
            int allowed = Math.min(t.length(), n.length()) <= 4 ? 1 : n.length() <= 8 ? 2 : 3;
            boolean part = t.length() >= 4 && n.contains(t) || t.startsWith(n) && n.length() >= 3;
            if ((d <= allowed || part) && d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    private static String normal(String s) {
        return s.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(" ", "");
    }

    /** Levenshtein distance, with adjacent transpositions counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
