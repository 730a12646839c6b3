package io.wgsim.topology;

/**
 * A generator's name pattern, printf style: {@code %d} where the node's index goes, or {@code %03d} for
 * the index padded with zeros to three digits ({@code client%03d} gives client001, client002, ...). A
 * pattern without {@code %} is one name, for a group of one.
 *
 * <p>Not {@code {i}}: braces end a YAML flow map, so {@code {count: 2, name: exit{i}}} would not parse.
 *
 * @param width the digits to pad the index to; 0 for none, -1 when the pattern has no index
 */
record NamePattern(String prefix, int width, String suffix) {

    static NamePattern parse(String text) {
        String s = text.strip();
        int percent = s.indexOf('%');
        if (percent < 0) {
            return new NamePattern(s, -1, "");
        }
        int end = s.indexOf('d', percent);
        String spec = end < 0 ? "" : s.substring(percent + 1, end);
        if (end < 0 || !(spec.isEmpty() || spec.matches("0[1-9]")) || s.indexOf('%', percent + 1) >= 0) {
            throw new IllegalArgumentException("'" + text + "' needs one %d where the index goes, such as client%d,"
                    + " or %0Nd to pad it with zeros to N digits, such as client%05d");
        }
        int width = spec.isEmpty() ? 0 : spec.charAt(1) - '0';
        return new NamePattern(s.substring(0, percent), width, s.substring(end + 1));
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
        return !hasIndex() ? prefix : prefix + (width == 0 ? "%d" : "%0" + width + "d") + suffix;
    }
}
