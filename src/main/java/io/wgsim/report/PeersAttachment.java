package io.wgsim.report;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * The optional "peers" attachment of a scenario: which lab node each outer endpoint of its capture
 * belongs to, one {@code name=address:port} line each, so the sequence diagram can name its lifelines.
 * Written by the step library, read by {@link CucumberJsonReader}; the endpoint text is the diagram's own.
 */
public final class PeersAttachment {
    public static final String NAME = CucumberJsonReader.PEERS_ATTACHMENT;
    public static final String MEDIA_TYPE = "text/plain";

    private PeersAttachment() {}

    /** The attachment's text for endpoints and the names of the nodes behind them, in the map's order. */
    public static String text(Map<InetSocketAddress, String> names) {
        StringBuilder out = new StringBuilder();
        names.forEach((endpoint, name) -> out.append(name).append('=').append(OuterDatagram.text(endpoint)).append('\n'));
        return out.toString();
    }
}
