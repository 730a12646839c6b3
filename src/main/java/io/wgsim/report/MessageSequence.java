package io.wgsim.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The WireGuard messages of one capture, ready to draw: lifelines (outer address:port, with a peer name
 * where one is known) and arrows in time order.
 *
 * @param lifelines the endpoints, in order of first appearance
 * @param names a peer name per lifeline, or null where none is known
 * @param exchanges the arrows, by send time
 * @param messages how many UDP datagrams the capture holds (before collapsing)
 * @param ignoredFrames frames that hold no UDP datagram (ARP, ICMP, fragments, ...)
 * @param omitted messages left out because the diagram reached its size limit
 */
record MessageSequence(List<String> lifelines, List<String> names, List<Exchange> exchanges, int messages,
        int ignoredFrames, int omitted) {

    MessageSequence {
        lifelines = List.copyOf(lifelines);
        names = Collections.unmodifiableList(new ArrayList<>(names)); // may hold nulls, which List.copyOf refuses
        exchanges = List.copyOf(exchanges);
    }
}
