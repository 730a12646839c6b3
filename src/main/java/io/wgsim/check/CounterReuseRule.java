package io.wgsim.check;

import io.wgsim.check.Observation.TransportSeen;

/**
 * counter-reuse: two transport messages with the same counter but different bytes in one direction of
 * one session: the sender encrypted twice under one nonce (whitepaper 5.4.6: the counter is the nonce and
 * never repeats for a key). The same bytes twice is a copy made by the network and not judged here.
 */
final class CounterReuseRule implements Rule {
    @Override public RuleId id() {
        return RuleId.COUNTER_REUSE;
    }

    @Override public void observe(Observation o, Findings f) {
        if (o instanceof TransportSeen t && t.counter().seen() && !t.copy()) {
            f.add(id(), o.packet(), "counter " + Long.toUnsignedString(t.message().counter()) + " used again on "
                    + t.session().describe(t.message().receiver()) + " by " + t.sender().label()
                    + ", with different bytes");
        }
    }
}
