package io.wgsim.report;

/** What a diagram arrow carries, with the colour it is drawn in. */
enum MessageKind {
    INITIATION("initiation", "#1f5fbf"),
    RESPONSE("response", "#1a7f37"),
    COOKIE_REPLY("cookie reply", "#c2410c"),
    DATA("data", "#57606a"),
    KEEPALIVE("keepalive", "#8250df"),
    NOT_WIREGUARD("not WireGuard", "#cf222e");

    private final String word;
    private final String colour;

    MessageKind(String word, String colour) {
        this.word = word;
        this.colour = colour;
    }

    String word() {
        return word;
    }

    String colour() {
        return colour;
    }
}
