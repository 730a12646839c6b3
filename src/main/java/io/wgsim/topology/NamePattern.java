package io.wgsim.topology;

/**
 * A generator's name pattern: text with one {@code {i}} for the node's index, or {@code {i:03}} for the
 * index padded with zeros to three digits ({@code client{i:03}} gives client001, client002, ...). A
 * pattern without braces is one name, for a group of one.
 *
 * @param width the digits to pad the index to; 0 for none, -1 when the pattern has no index
 */
record NamePattern(String prefix, int width, String suffix) {

    static NamePattern parse(String text) {
        int open = text.indexOf('{');
        int close = text.indexOf('}');
        if (open < 0 && close < 0) {
            return new NamePattern(text.strip(), -1, "");
        }
        if (open < 0 || close < open || text.indexOf('{', open + 1) >= 0 || text.indexOf('}', close + 1) >= 0) {
            throw new IllegalArgumentException("'" + text + "' needs one {i} where the index goes, such as client{i}"
                    + " or client{i:03}");
        }
        String field = text.substring(open + 1, close);
        int width = 0;
        if (!field.equals("i")) {
            if (!field.matches("i:0[1-9]")) {
                throw new IllegalArgumentException("'" + text + "': write the index as {i}, or {i:0N} to pad it with"
                        + " zeros to N digits (N from 1 to 9)");
            }
            width = field.charAt(3) - '0';
        }
        return new NamePattern(text.substring(0, open), width, text.substring(close + 1));
    }

    boolean hasIndex() {
        return width >= 0;
    }

    String render(int index) {
        if (!hasIndex()) {
            return prefix;
        }
        String digits = Integer.toString(index);
        StringBuilder out = new StringBuilder(prefix.length() + Math.max(width, digits.length()) + suffix.length());
        out.append(prefix);
        for (int pad = digits.length(); pad < width; pad++) {
            out.append('0');
        }
        return out.append(digits).append(suffix).toString();
    }

    @Override public String toString() {
        return !hasIndex() ? prefix : prefix + (width == 0 ? "{i}" : "{i:0" + width + "}") + suffix;
    }
}
