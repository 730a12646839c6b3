package io.wgsim.protocol;

import io.wgsim.crypto.DataCipher;
import io.wgsim.protocol.replay.ReplayWindow;
import io.wgsim.protocol.wire.Protocol;

/**
 * Transport keys of one session (whitepaper 5.4.5): a send key with its counter, a receive key with
 * its replay window, the two indices and when it was made. Only the initiator of a keypair rekeys it
 * on time.
 */
final class Keypair {
    final DataCipher sender;
    final DataCipher receiver;
    final ReplayWindow replay;
    final int localIndex;
    final int remoteIndex;
    final boolean initiator;
    final long createdAt;
    /** Next counter to send with; unsigned. */
    long sendCounter;
    /** Cleared when the keypair is zeroed or found expired; never set again. */
    boolean valid = true;
    /** Key bytes kept only when key logging is on (for Wireshark), else null. */
    final byte[] sendKeyForLog;
    final byte[] receiveKeyForLog;

    Keypair(Handshake.SessionKeys keys, long now, int replayWindow, boolean keepKeysForLog) {
        this.sender = new DataCipher(keys.sendKey());
        this.receiver = new DataCipher(keys.receiveKey());
        this.replay = new ReplayWindow(replayWindow);
        this.localIndex = keys.localIndex();
        this.remoteIndex = keys.remoteIndex();
        this.initiator = keys.initiator();
        this.createdAt = now;
        this.sendKeyForLog = keepKeysForLog ? keys.sendKey().clone() : null;
        this.receiveKeyForLog = keepKeysForLog ? keys.receiveKey().clone() : null;
        java.util.Arrays.fill(keys.sendKey(), (byte) 0);
        java.util.Arrays.fill(keys.receiveKey(), (byte) 0);
    }

    long age(long now) {
        return now - createdAt;
    }

    /** Whether this keypair may still send: younger than REJECT_AFTER_TIME and under the message limit. */
    boolean canSend(long now) {
        return valid && age(now) < Protocol.REJECT_AFTER_TIME.toNanos()
                && Long.compareUnsigned(sendCounter, Protocol.REJECT_AFTER_MESSAGES) < 0;
    }

    /** Whether this keypair may still receive (the same limits, judged on the receive side). */
    boolean canReceive(long now) {
        return valid && age(now) < Protocol.REJECT_AFTER_TIME.toNanos();
    }

    void destroy() {
        valid = false;
        sender.destroy();
        receiver.destroy();
    }
}
