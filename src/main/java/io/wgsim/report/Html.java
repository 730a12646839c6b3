package io.wgsim.report;

import java.nio.charset.StandardCharsets;

/** Escaping for text put into HTML and SVG: element content, attribute values and URL paths. */
final class Html {
    private Html() {}

    /** Text safe in element content and in quoted attribute values (HTML and XML alike). */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    // Control characters other than tab and newlines are not allowed in XML; error
                    // messages from a test can hold any of them (ANSI colours, for one).
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        b.append('\u2426');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /**
     * A relative path as an href: each byte outside the unreserved set and '/' percent-encoded, so a
     * space, '#', '?' or quote in a file name cannot change what the link means.
     */
    static String href(String path) {
        StringBuilder b = new StringBuilder();
        for (byte x : path.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return b.toString();
    }
}
