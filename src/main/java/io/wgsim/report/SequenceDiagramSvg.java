package io.wgsim.report;

import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link MessageSequence} as an inline SVG message sequence chart: a lifeline per endpoint, time
 * running down, an arrow per message (or per collapsed run). Rows are evenly spaced so that a
 * handshake a millisecond long stays legible next to a 120 s wait; the time column gives each row's
 * time, and a pause longer than {@value #PAUSE_NANOS} ns opens a marked band saying how long it was.
 * An arrow whose arrival was also captured slopes down to the time it arrived.
 *
 * <p>Every id in the drawing starts with a prefix, so several diagrams can share one page.
 */
final class SequenceDiagramSvg {
    static final long PAUSE_NANOS = 1_000_000_000L;

    private static final int AXIS = 100;
    private static final int COLUMN = 240;
    private static final int HEAD = 62;
    private static final int ROW = 26;
    private static final int PAUSE = 24;
    private static final int FOOT = 24;

    private SequenceDiagramSvg() {}

    static String render(MessageSequence seq, String idPrefix) {
        List<Exchange> ex = seq.exchanges();
        int n = ex.size();
        int[] y = new int[n];
        boolean[] pauseBefore = new boolean[n];
        int at = HEAD + 22;
        for (int k = 0; k < n; k++) {
            if (k > 0) {
                at += ROW;
                if (ex.get(k).sentNanos() - ex.get(k - 1).lastNanos() > PAUSE_NANOS) {
                    pauseBefore[k] = true;
                    at += PAUSE;
                }
            }
            y[k] = at;
        }
        int lines = Math.max(1, seq.lifelines().size());
        int width = AXIS + lines * COLUMN;
        int height = at + ROW + FOOT;

        StringBuilder s = new StringBuilder(4096 + n * 400);
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"msc\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"11\""
                        + " role=\"img\" aria-label=\"message sequence diagram\">\n");
        defs(s, idPrefix);
        s.append("<text x=\"8\" y=\"").append(HEAD - 8).append("\" fill=\"#57606a\">time (s)</text>\n");
        for (int l = 0; l < seq.lifelines().size(); l++) {
            lifeline(s, x(l), height, seq.lifelines().get(l), seq.names().get(l));
        }
        for (int k = 0; k < n; k++) {
            Exchange e = ex.get(k);
            if (pauseBefore[k]) {
                pause(s, width, y[k] - ROW / 2 - PAUSE / 2 - 2, e.sentNanos() - ex.get(k - 1).lastNanos());
            }
            if (k == 0 || e.sentNanos() != ex.get(k - 1).sentNanos() || pauseBefore[k]) {
                s.append("<text x=\"").append(AXIS - 10).append("\" y=\"").append(y[k] + 4)
                        .append("\" text-anchor=\"end\" fill=\"#24292f\">").append(seconds(e.sentNanos())).append("</text>\n");
            }
            arrow(s, seq, e, y[k], arrivalY(ex, y, k), idPrefix);
        }
        if (seq.omitted() > 0) {
            s.append("<text x=\"").append(AXIS).append("\" y=\"").append(height - 8).append("\" fill=\"#cf222e\">")
                    .append(Html.escape(seq.omitted() + " more messages not drawn; open the capture for all of them"))
                    .append("</text>\n");
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static void defs(StringBuilder s, String prefix) {
        s.append("<defs>\n");
        for (MessageKind k : MessageKind.values()) {
            s.append("<marker id=\"").append(Html.escape(marker(prefix, k))).append("\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\""
                    // In user units, so a thick collapsed arrow keeps the same head as a thin one.
                    + " markerUnits=\"userSpaceOnUse\" markerWidth=\"10\" markerHeight=\"10\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"")
                    .append(k.colour()).append("\"/></marker>\n");
        }
        s.append("</defs>\n");
    }

    private static String marker(String prefix, MessageKind k) {
        return prefix + "-" + k.name().toLowerCase(Locale.ROOT);
    }

    private static int x(int lifeline) {
        return AXIS + lifeline * COLUMN + COLUMN / 2;
    }

    private static void lifeline(StringBuilder s, int x, int height, String endpoint, String name) {
        s.append("<line x1=\"").append(x).append("\" y1=\"").append(HEAD).append("\" x2=\"").append(x).append("\" y2=\"")
                .append(height - FOOT / 2).append("\" stroke=\"#d0d7de\" stroke-width=\"2\"/>\n");
        int boxWidth = COLUMN - 24;
        s.append("<rect x=\"").append(x - boxWidth / 2).append("\" y=\"8\" width=\"").append(boxWidth)
                .append("\" height=\"").append(HEAD - 16).append("\" rx=\"6\" fill=\"#f6f8fa\" stroke=\"#8c959f\"/>\n");
        if (name != null) {
            s.append("<text x=\"").append(x).append("\" y=\"27\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"#24292f\">")
                    .append(Html.escape(name)).append("</text>\n");
        }
        s.append("<text x=\"").append(x).append("\" y=\"").append(name != null ? 44 : 35)
                .append("\" text-anchor=\"middle\" fill=\"#24292f\">").append(Html.escape(endpoint)).append("</text>\n");
    }

    private static void pause(StringBuilder s, int width, int top, long nanos) {
        s.append("<rect x=\"0\" y=\"").append(top).append("\" width=\"").append(width).append("\" height=\"").append(PAUSE)
                .append("\" fill=\"#f6f8fa\"/>\n");
        s.append("<line x1=\"0\" y1=\"").append(top + PAUSE / 2).append("\" x2=\"").append(width).append("\" y2=\"")
                .append(top + PAUSE / 2).append("\" stroke=\"#afb8c1\" stroke-dasharray=\"2 6\"/>\n");
        s.append("<text x=\"").append(AXIS - 10).append("\" y=\"").append(top + PAUSE / 2 + 4)
                .append("\" text-anchor=\"end\" fill=\"#57606a\" font-style=\"italic\">+").append(seconds(nanos))
                .append("</text>\n");
    }

    /** Where an arrow ends: its send row, or lower when the capture saw it arrive later. */
    private static int arrivalY(List<Exchange> ex, int[] y, int k) {
        Exchange e = ex.get(k);
        long a = e.arrivedNanos();
        if (a <= e.sentNanos()) {
            return y[k];
        }
        int j = k;
        while (j + 1 < ex.size() && ex.get(j + 1).sentNanos() <= a) {
            j++;
        }
        long t0 = ex.get(j).sentNanos();
        if (t0 == a) {
            return y[j];
        }
        if (j + 1 == ex.size()) {
            return y[j] + ROW / 2;
        }
        long t1 = ex.get(j + 1).sentNanos();
        int span = Math.min(ROW, y[j + 1] - y[j]);
        return y[j] + (int) Math.round(span * (double) (a - t0) / (double) (t1 - t0));
    }

    private static void arrow(StringBuilder s, MessageSequence seq, Exchange e, int y1, int y2, String prefix) {
        String colour = e.kind().colour();
        String dash = e.kind() == MessageKind.KEEPALIVE ? " stroke-dasharray=\"6 4\"" : "";
        String widthAttr = e.collapsed() ? "3" : "1.5";
        s.append("<g><title>").append(Html.escape(tooltip(seq, e))).append("</title>");
        if (e.from() == e.to()) {
            int x = x(e.from());
            s.append("<path d=\"M").append(x).append(',').append(y1).append(" h40 v10 h-40\" fill=\"none\" stroke=\"")
                    .append(colour).append("\" stroke-width=\"").append(widthAttr).append('"').append(dash)
                    .append(" marker-end=\"url(#").append(Html.escape(marker(prefix, e.kind()))).append(")\"/>");
            s.append("<text x=\"").append(x + 46).append("\" y=\"").append(y1 + 4).append("\" fill=\"").append(colour)
                    .append("\">").append(Html.escape(e.label())).append("</text></g>\n");
            return;
        }
        int x1 = x(e.from());
        int x2 = x(e.to());
        int inset = x2 > x1 ? -3 : 3;
        s.append("<line x1=\"").append(x1).append("\" y1=\"").append(y1).append("\" x2=\"").append(x2 + inset)
                .append("\" y2=\"").append(y2).append("\" stroke=\"").append(colour).append("\" stroke-width=\"")
                .append(widthAttr).append('"').append(dash).append(" marker-end=\"url(#")
                .append(Html.escape(marker(prefix, e.kind()))).append(")\"/>");
        int mid = (x1 + x2) / 2;
        int labelY = Math.min(y1, y2) - 5;
        s.append("<text x=\"").append(mid).append("\" y=\"").append(labelY).append("\" text-anchor=\"middle\" fill=\"")
                .append(colour).append('"').append(e.collapsed() ? " font-weight=\"bold\"" : "").append('>')
                .append(Html.escape(e.label())).append("</text></g>\n");
    }

    private static String tooltip(MessageSequence seq, Exchange e) {
        StringBuilder t = new StringBuilder();
        t.append(seconds(e.sentNanos()));
        if (e.collapsed()) {
            t.append(" to ").append(seconds(e.lastNanos()));
        }
        t.append(": ").append(endpoint(seq, e.from())).append(" \u2192 ").append(endpoint(seq, e.to())).append(": ")
                .append(e.label());
        if (e.arrivedNanos() >= 0) {
            t.append(", arrived at ").append(seconds(e.arrivedNanos()));
        }
        return t.toString();
    }

    private static String endpoint(MessageSequence seq, int l) {
        String name = seq.names().get(l);
        return name == null ? seq.lifelines().get(l) : name + " (" + seq.lifelines().get(l) + ")";
    }

    /** Seconds with millisecond precision: "0.000 s", "121.004 s". */
    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }
}
