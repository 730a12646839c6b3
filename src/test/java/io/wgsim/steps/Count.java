package io.wgsim.steps;

/** "no", "one", "exactly 3", "at least 2", "at most 5", "4": an expected count. */
record Count(long min, long max, String text) {

    static Count parse(String text) {
        String t = text.trim();
        if (t.equals("no")) {
            return new Count(0, 0, t);
        }
        if (t.equals("one") || t.equals("a") || t.equals("an")) {
            return new Count(1, 1, t);
        }
        if (t.startsWith("exactly ")) {
            long n = Long.parseLong(t.substring(8).trim());
            return new Count(n, n, t);
        }
        if (t.startsWith("at least ")) {
            return new Count(Long.parseLong(t.substring(9).trim()), Long.MAX_VALUE, t);
        }
        if (t.startsWith("at most ")) {
            return new Count(0, Long.parseLong(t.substring(8).trim()), t);
        }
        if (t.matches("\\d+")) {
            long n = Long.parseLong(t);
            return new Count(n, n, t);
        }
        throw new IllegalArgumentException("'" + text + "' is not a count: use no, one, 3, exactly 3, at least 3 or at most 3");
    }

    boolean matches(long n) {
        return n >= min && n <= max;
    }
}
