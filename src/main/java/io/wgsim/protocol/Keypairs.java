package io.wgsim.protocol;

/**
 * The three keypair slots of a peer (whitepaper 6.3; kernel noise.c add_new_keypair): previous,
 * current and next. The responder parks a new keypair in next until the initiator proves it has it
 * (key confirmation by the first transport message).
 */
final class Keypairs {
    Keypair previous;
    Keypair current;
    Keypair next;

    /** Installs a freshly derived keypair; returns the keypairs pushed out so their indices can be freed. */
    Keypair[] install(Keypair fresh) {
        if (fresh.initiator) {
            Keypair[] dropped;
            if (next != null) {
                // A pending next is demoted to previous and the current is dropped, as the kernel does.
                dropped = new Keypair[] {previous, current};
                previous = next;
                next = null;
            } else {
                dropped = new Keypair[] {previous};
                previous = current;
            }
            current = fresh;
            return dropped;
        }
        Keypair[] dropped = {next, previous};
        next = fresh;
        previous = null;
        return dropped;
    }

    /**
     * The first transport message on the pending next keypair confirms it: next becomes current,
     * current becomes previous. Returns the old previous (to be freed), or null.
     */
    Keypair promoteNext() {
        Keypair dropped = previous;
        previous = current;
        current = next;
        next = null;
        return dropped;
    }

    Keypair[] all() {
        return new Keypair[] {previous, current, next};
    }

    /** Empties every slot; returns what was there. */
    Keypair[] clear() {
        Keypair[] all = all();
        previous = null;
        current = null;
        next = null;
        return all;
    }
}
