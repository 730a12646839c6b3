package io.wgsim.sim.world;

import io.wgsim.sim.link.LinkChannel;
import io.wgsim.sim.link.LinkModel;
import io.wgsim.sim.RandomStream;

/** The link between a host and its network: two independent directions, each with its own model and randomness. */
public final class AccessLink {
    final LinkChannel up;
    final LinkChannel down;

    AccessLink(LinkModel upModel, LinkModel downModel, RandomStream upRandom, RandomStream downRandom) {
        this.up = new LinkChannel(upModel, upRandom);
        this.down = new LinkChannel(downModel, downRandom);
    }

    /** Replaces both directions' models (a scripted "link changes its model"). */
    public void change(LinkModel upModel, LinkModel downModel) {
        up.replaceModel(upModel);
        down.replaceModel(downModel);
    }

    public LinkChannel up() {
        return up;
    }

    public LinkChannel down() {
        return down;
    }
}
