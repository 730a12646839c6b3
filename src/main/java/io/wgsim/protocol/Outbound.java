package io.wgsim.protocol;

import io.wgsim.net.InnerPacket;
import io.wgsim.net.Padding;
import io.wgsim.protocol.wire.DropReason;
import io.wgsim.protocol.wire.Initiation;
import io.wgsim.protocol.wire.Protocol;
import io.wgsim.protocol.wire.TransportData;
import java.util.ArrayList;
import java.util.List;

/**
 * The send path (kernel send.c): cryptokey routing of outbound packets, the staged queue, sealing
 * transport messages, keepalives, initiations, and what the timers make a peer do.
 */
final class Outbound {
    private final Device device;
    /** The transport message buffer reused for a sink that does not keep datagrams; sized to the last message. */
    private byte[] reusableMessage = new byte[0];

    Outbound(Device device) {
        this.device = device;
    }

    /** Routes an outbound IP packet to its peer and sends or stages it; returns the peer, if any. */
    Peer packet(long now, byte[] packet, int length) {
        int packetLength = InnerPacket.packetLength(packet, 0, length);
        if (packetLength < 0) {
            device.drop(now, null, DropReason.BAD_OUTBOUND_PACKET, null);
            return null;
        }
        Peer peer = device.allowedIps.lookup(InnerPacket.destinationOf(packet, 0));
        if (peer == null) {
            device.drop(now, null, DropReason.NO_ROUTE, null);
            return null;
        }
        Keypair keypair = peer.keypairs.current;
        if (peer.staged.isEmpty() && keypair != null && keypair.canSend(now) && peer.endpoint != null) {
            // What staging and sendStaged would do for a queue of one, without copying the packet
            // into the queue first: seal it straight from the caller's array.
            seal(now, peer, keypair, packet, packetLength);
            keepKeyFreshSending(now, peer);
        } else {
            stage(now, peer, java.util.Arrays.copyOf(packet, packetLength));
            sendStaged(now, peer);
        }
        return peer;
    }

    private void stage(long now, Peer peer, byte[] packet) {
        peer.staged.addLast(packet);
        while (peer.staged.size() > device.settings.stagedQueueLimit()) {
            peer.staged.pollFirst();
            device.drop(now, peer, DropReason.QUEUE_OVERFLOW, null);
        }
    }

    /** Queues a keepalive unless packets are already waiting, then sends what is staged. */
    void sendKeepalive(long now, Peer peer) {
        if (peer.staged.isEmpty()) {
            peer.staged.addLast(new byte[0]);
        }
        sendStaged(now, peer);
    }

    /**
     * Seals and sends staged packets on the current keypair; without a usable keypair, keeps them and
     * asks for a handshake.
     */
    void sendStaged(long now, Peer peer) {
        while (!peer.staged.isEmpty()) {
            Keypair keypair = peer.keypairs.current;
            if (keypair == null || !keypair.canSend(now)) {
                sendInitiation(now, peer, false);
                return;
            }
            if (peer.endpoint == null) {
                while (!peer.staged.isEmpty()) {
                    peer.staged.pollFirst();
                    device.drop(now, peer, DropReason.NO_ENDPOINT, null);
                }
                return;
            }
            byte[] plaintext = peer.staged.pollFirst();
            seal(now, peer, keypair, plaintext, plaintext.length);
        }
        keepKeyFreshSending(now, peer);
    }

    /** Seals plaintext[0..length) (zero-padded) into a transport message and sends it. */
    private void seal(long now, Peer peer, Keypair keypair, byte[] plaintext, int length) {
        int padded = Padding.paddedLength(length, device.settings.mtu());
        long counter = keypair.sendCounter++;
        byte[] message = messageBuffer(keypair.remoteIndex, counter, padded + Protocol.TAG_LENGTH);
        if (padded == length) {
            // Nothing to pad (a full-size packet, a multiple of 16, a keepalive): seal straight from
            // the packet into the message rather than copying it there first.
            keypair.sender.seal(counter, plaintext, 0, length, message, TransportData.PAYLOAD_OFFSET);
        } else {
            System.arraycopy(plaintext, 0, message, TransportData.PAYLOAD_OFFSET, length);
            // A reused buffer still holds the last message's ciphertext where the padding goes.
            java.util.Arrays.fill(message, TransportData.PAYLOAD_OFFSET + length, TransportData.PAYLOAD_OFFSET + padded, (byte) 0);
            keypair.sender.seal(counter, message, TransportData.PAYLOAD_OFFSET, padded, message, TransportData.PAYLOAD_OFFSET);
        }
        transmit(peer, message);
        peer.timers.anyAuthenticatedPacketTraversal(now);
        peer.timers.anyAuthenticatedPacketSent(now);
        if (length > 0) {
            peer.timers.dataSent(now);
        } else {
            device.sink.event(new DeviceEvent.KeepaliveSent(now, peer.publicKey));
        }
    }

    /** A transport message header in a fresh array, or in the reused one when the sink lets go of what it sends. */
    private byte[] messageBuffer(int receiver, long counter, int sealedLength) {
        if (device.sink.keepsDatagrams()) {
            return TransportData.newBuffer(receiver, counter, sealedLength);
        }
        if (reusableMessage.length != TransportData.PAYLOAD_OFFSET + sealedLength) {
            reusableMessage = TransportData.newBuffer(receiver, counter, sealedLength);
        } else {
            TransportData.writeHeader(reusableMessage, receiver, counter);
        }
        return reusableMessage;
    }

    /** The initiator rekeys when sending on a keypair past REKEY_AFTER_TIME or REKEY_AFTER_MESSAGES. */
    private void keepKeyFreshSending(long now, Peer peer) {
        Keypair kp = peer.keypairs.current;
        if (kp != null && kp.valid
                && (Long.compareUnsigned(kp.sendCounter, Protocol.REKEY_AFTER_MESSAGES) > 0
                    || (kp.initiator && kp.age(now) >= Protocol.REKEY_AFTER_TIME.toNanos()))) {
            sendInitiation(now, peer, false);
        }
    }

    /** Sends a handshake initiation, at most once per REKEY_TIMEOUT. */
    void sendInitiation(long now, Peer peer, boolean retry) {
        if (!retry) {
            peer.timers.handshakeAttempts = 0;
        }
        if (peer.lastInitiationSentAt != Long.MIN_VALUE
                && now - peer.lastInitiationSentAt < Protocol.REKEY_TIMEOUT.toNanos()) {
            return;
        }
        peer.lastInitiationSentAt = now;
        Handshake hs = peer.handshake;
        if (hs.state == HandshakeState.CREATED_INITIATION) {
            device.indices.releaseHandshake(hs.localIndex, peer);
        }
        byte[] ephemeral = device.newEphemeral();
        int index = device.indices.allocate(peer);
        Initiation initiation;
        try {
            initiation = hs.createInitiation(ephemeral, index, device.timestamps.tai64n(now));
        } catch (Refusal r) {
            device.indices.releaseHandshake(index, peer);
            device.drop(now, peer, r.reason, null);
            return;
        }
        peer.cookies.stamp(initiation.bytes(), Initiation.MAC1_OFFSET, now);
        peer.handshakesInitiated++;
        logSecrets(now, peer, ephemeral);
        peer.timers.anyAuthenticatedPacketTraversal(now);
        peer.timers.anyAuthenticatedPacketSent(now);
        device.sink.event(new DeviceEvent.HandshakeInitiated(now, peer.publicKey, index, peer.timers.handshakeAttempts + 1));
        if (peer.endpoint == null) {
            device.drop(now, peer, DropReason.NO_ENDPOINT, null);
        } else {
            transmit(peer, initiation.bytes());
        }
        peer.timers.handshakeInitiated(now);
    }

    /** Sends a finished message to the peer's endpoint and counts it (as `wg show transfer` does). */
    void transmit(Peer peer, byte[] message) {
        peer.txBytes += message.length;
        device.sink.sendDatagram(peer.endpoint, message);
    }

    /** Emits the Wireshark key-log lines for a handshake message we created, when asked to. */
    void logSecrets(long now, Peer peer, byte[] localEphemeral) {
        if (!device.settings.keyLog()) {
            return;
        }
        List<String> lines = new ArrayList<>(4);
        lines.add("LOCAL_STATIC_PRIVATE_KEY = " + device.privateKey.toBase64());
        lines.add("REMOTE_STATIC_PUBLIC_KEY = " + peer.publicKey.toBase64());
        lines.add("LOCAL_EPHEMERAL_PRIVATE_KEY = " + java.util.Base64.getEncoder().encodeToString(localEphemeral));
        if (!peer.presharedKey.isNone()) {
            lines.add("PRESHARED_KEY = " + peer.presharedKey.toBase64());
        }
        device.sink.event(new DeviceEvent.SessionSecrets(now, peer.publicKey, List.copyOf(lines)));
    }

    // ---- what timers make a peer do ----

    Timers.Actions actionsFor(Peer peer) {
        return new Timers.Actions() {
            @Override public void sendInitiation(long now, boolean retry) {
                Outbound.this.sendInitiation(now, peer, retry);
            }

            @Override public void giveUpHandshake(long now, int attempts) {
                while (!peer.staged.isEmpty()) {
                    peer.staged.pollFirst();
                    device.drop(now, peer, DropReason.HANDSHAKE_GAVE_UP, null);
                }
                device.sink.event(new DeviceEvent.HandshakeGaveUp(now, peer.publicKey, attempts));
            }

            @Override public void sendKeepalive(long now) {
                Outbound.this.sendKeepalive(now, peer);
            }

            @Override public void zeroKeyMaterial(long now) {
                device.indices.releaseHandshake(peer.handshake.localIndex, peer);
                peer.handshake.wipe();
                for (Keypair kp : peer.keypairs.clear()) {
                    device.indices.releaseKeypair(kp);
                }
                device.sink.event(new DeviceEvent.KeysZeroed(now, peer.publicKey));
            }
        };
    }
}
