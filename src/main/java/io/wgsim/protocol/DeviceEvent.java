package io.wgsim.protocol;

import io.wgsim.crypto.PublicKey;
import io.wgsim.protocol.wire.DropReason;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * What a device reports as it works, each with the driver time it happened at. {@code peer} is null
 * where no peer is known (a datagram from a stranger).
 */
public sealed interface DeviceEvent {
    long at();

    PublicKey peer();

    /** We sent a handshake initiation; {@code attempt} counts from 1 for each new handshake. */
    record HandshakeInitiated(long at, PublicKey peer, int senderIndex, int attempt) implements DeviceEvent {}

    /** We accepted an initiation and answered it. */
    record HandshakeResponded(long at, PublicKey peer, int senderIndex, int receiverIndex) implements DeviceEvent {}

    /**
     * A new session's keypair became the one we send with: for the initiator when the response
     * arrives, for the responder when the first transport message confirms it.
     */
    record SessionStarted(long at, PublicKey peer, int localIndex, int remoteIndex, boolean initiator) implements DeviceEvent {}

    /** Retransmissions ran out (REKEY_ATTEMPT_TIME); queued packets were dropped. */
    record HandshakeGaveUp(long at, PublicKey peer, int attempts) implements DeviceEvent {}

    /** An authenticated packet came from a new address: the peer roamed. {@code from} may be null. */
    record EndpointChanged(long at, PublicKey peer, InetSocketAddress from, InetSocketAddress to) implements DeviceEvent {}

    /** All keypairs and handshake state of the peer were zeroed (3 x REJECT_AFTER_TIME without a session). */
    record KeysZeroed(long at, PublicKey peer) implements DeviceEvent {}

    /** We were under load and answered a handshake message with a cookie reply. */
    record CookieReplySent(long at, PublicKey peer, InetSocketAddress to) implements DeviceEvent {}

    /** A peer's cookie reply was accepted; our next handshake messages to it carry mac2. */
    record CookieReceived(long at, PublicKey peer) implements DeviceEvent {}

    /** A keepalive (empty transport message) was sent. */
    record KeepaliveSent(long at, PublicKey peer) implements DeviceEvent {}

    /** A datagram or packet was refused. {@code from} is the datagram's source for inbound drops, else null. */
    record Dropped(long at, PublicKey peer, DropReason reason, InetSocketAddress from) implements DeviceEvent {}

    /**
     * Key-log lines in Wireshark's WireGuard format for a handshake we took part in. Only emitted when
     * the device was configured to log keys; they contain secrets.
     */
    record SessionSecrets(long at, PublicKey peer, List<String> lines) implements DeviceEvent {
        @Override public String toString() {
            return "SessionSecrets[at=" + at + ", peer=" + peer + ", lines=" + lines.size() + " (hidden)]";
        }
    }
}
