package io.wgsim.sim.link;

/**
 * What became of one copy of a datagram offered to a {@link LinkChannel}: delivered at a time, or
 * dropped for a reason.
 */
public sealed interface LinkOutput permits Delivery, LinkDrop {

    /** Whether this is the extra copy that duplication made, rather than the datagram offered. */
    boolean duplicate();
}
