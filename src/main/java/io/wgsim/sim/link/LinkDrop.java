package io.wgsim.sim.link;

import java.util.Objects;

/**
 * A copy of a datagram that the link dropped, at the moment it was offered.
 *
 * @param reason    why
 * @param duplicate whether it was the copy made by duplication
 */
public record LinkDrop(LinkDropReason reason, boolean duplicate) implements LinkOutput {

    public LinkDrop {
        Objects.requireNonNull(reason, "reason");
    }
}
