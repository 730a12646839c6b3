package io.wgsim.check;

/** Two parties regardless of direction: what the timing rules follow silences and sessions by. */
record Conversation(String first, String second) {

    static Conversation of(Party a, Party b) {
        return a.id().compareTo(b.id()) <= 0 ? new Conversation(a.id(), b.id()) : new Conversation(b.id(), a.id());
    }

    static Conversation of(Party.Pair pair) {
        return of(pair.from(), pair.to());
    }

    /** Who sends to whom in an observation, or null for a message that names no parties (cookie, malformed). */
    static Party.Pair pairOf(Observation o) {
        if (o instanceof Observation.InitiationSeen i) {
            return i.pair();
        }
        if (o instanceof Observation.ResponseSeen r && r.session() != null) {
            return new Party.Pair(r.session().responder, r.session().initiator);
        }
        if (o instanceof Observation.TransportSeen t) {
            return t.pair();
        }
        return null;
    }

    /** Whether an observation is a copy of a datagram seen before. */
    static boolean isCopy(Observation o) {
        if (o instanceof Observation.InitiationSeen i) {
            return i.copy();
        }
        if (o instanceof Observation.ResponseSeen r) {
            return r.copy();
        }
        if (o instanceof Observation.CookieSeen c) {
            return c.copy();
        }
        return o instanceof Observation.TransportSeen t && t.copy();
    }
}
