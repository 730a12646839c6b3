package io.wgsim.protocol;

import io.wgsim.net.InnerPacket;
import io.wgsim.protocol.replay.ReplayWindow;
import io.wgsim.protocol.wire.CookieReply;
import io.wgsim.protocol.wire.DropReason;
import io.wgsim.protocol.wire.Initiation;
import io.wgsim.protocol.wire.Response;
import io.wgsim.protocol.wire.TransportData;
import java.net.InetSocketAddress;
import javax.crypto.AEADBadTagException;

/**
 * The receive path (kernel receive.c). Each method reads top to bottom as the list of checks a message
 * must pass and returns at the first refusal; nothing about a peer changes until its message has been
 * authenticated. Each returns the peer it touched (for rescheduling), or null.
 */
final class Inbound {
    private final Device device;
    private byte[] openBuffer = new byte[0];

    Inbound(Device device) {
        this.device = device;
    }

    // ---- handshake messages ----

    /** mac1 always, then (under load) mac2 with a cookie reply, then the per-source rate limit. */
    private boolean admitHandshake(long now, InetSocketAddress from, byte[] message, int mac1Offset, int sender) {
        boolean underLoad = device.underLoad(now);
        MacCheck mac = device.cookieChecker.check(message, mac1Offset, from, now, underLoad);
        if (mac == MacCheck.INVALID_MAC1) {
            device.drop(now, null, DropReason.BAD_MAC1, from);
            return false;
        }
        if (!underLoad) {
            return true;
        }
        if (mac != MacCheck.VALID_COOKIE) {
            CookieReply reply = device.cookieChecker.createReply(message, mac1Offset, sender, from, now);
            device.sink.sendDatagram(from, reply.bytes());
            device.sink.event(new DeviceEvent.CookieReplySent(now, null, from));
            device.drop(now, null, DropReason.COOKIE_REQUIRED, from);
            return false;
        }
        if (!device.rateLimiter.allow(now, from.getAddress().getAddress())) {
            device.drop(now, null, DropReason.RATE_LIMITED, from);
            return false;
        }
        return true;
    }

    Peer initiation(long now, InetSocketAddress from, Initiation msg) {
        if (!admitHandshake(now, from, msg.bytes(), Initiation.MAC1_OFFSET, msg.sender())) {
            return null;
        }
        Handshake.DecryptedInitiator who;
        try {
            who = Handshake.decryptInitiator(device.privateKey, device.hashForLocal, msg);
        } catch (Refusal r) {
            device.drop(now, null, r.reason, from);
            return null;
        }
        Peer peer = device.peers.get(who.initiatorStatic());
        if (peer == null) {
            device.drop(now, null, DropReason.UNKNOWN_PEER, from);
            return null;
        }
        int pendingIndex = peer.handshake.state == HandshakeState.CREATED_INITIATION ? peer.handshake.localIndex : 0;
        boolean hadPending = peer.handshake.state == HandshakeState.CREATED_INITIATION;
        try {
            peer.handshake.consumeInitiation(who, msg, now);
        } catch (Refusal r) {
            device.drop(now, peer, r.reason, from);
            return peer;
        }
        if (hadPending) {
            // Their initiation replaced ours (simultaneous initiation): our index no longer names anything.
            device.indices.releaseHandshake(pendingIndex, peer);
        }
        authenticated(now, peer, from, msg.length());

        byte[] ephemeral = device.newEphemeral();
        int index = device.indices.allocate(peer);
        Response response;
        try {
            response = peer.handshake.createResponse(ephemeral, index);
        } catch (Refusal r) {
            device.indices.releaseHandshake(index, peer);
            device.drop(now, peer, r.reason, from);
            return peer;
        }
        peer.cookies.stamp(response.bytes(), Response.MAC1_OFFSET, now);
        device.outbound.logSecrets(now, peer, ephemeral);
        installKeypair(now, peer, peer.handshake.beginSession());
        peer.timers.sessionDerived(now);
        peer.timers.anyAuthenticatedPacketTraversal(now);
        peer.timers.anyAuthenticatedPacketSent(now);
        device.sink.event(new DeviceEvent.HandshakeResponded(now, peer.publicKey, index, msg.sender()));
        device.outbound.transmit(peer, response.bytes());
        return peer;
    }

    Peer response(long now, InetSocketAddress from, Response msg) {
        if (!admitHandshake(now, from, msg.bytes(), Response.MAC1_OFFSET, msg.sender())) {
            return null;
        }
        IndexTable.Entry entry = device.indices.get(msg.receiver());
        if (entry == null || entry.keypair() != null) {
            device.drop(now, null, DropReason.UNEXPECTED_HANDSHAKE, from);
            return null;
        }
        Peer peer = entry.peer();
        try {
            peer.handshake.consumeResponse(msg);
        } catch (Refusal r) {
            device.drop(now, peer, r.reason, from);
            return peer;
        }
        authenticated(now, peer, from, msg.length());
        Keypair keypair = installKeypair(now, peer, peer.handshake.beginSession());
        peer.timers.sessionDerived(now);
        sessionStarted(now, peer, keypair);
        // Confirms the session to the responder at once: queued data if any, else a keepalive.
        device.outbound.sendKeepalive(now, peer);
        return peer;
    }

    /** A cookie reply stores a cookie for our next handshake message; it never moves the endpoint. */
    Peer cookieReply(long now, InetSocketAddress from, CookieReply msg) {
        IndexTable.Entry entry = device.indices.get(msg.receiver());
        if (entry == null) {
            device.drop(now, null, DropReason.UNEXPECTED_HANDSHAKE, from);
            return null;
        }
        Peer peer = entry.peer();
        try {
            peer.cookies.consume(msg, now);
        } catch (Refusal r) {
            device.drop(now, peer, r.reason, from);
            return peer;
        }
        device.sink.event(new DeviceEvent.CookieReceived(now, peer.publicKey));
        return peer;
    }

    // ---- transport data ----

    /**
     * Transport data in {@code datagram[0..length)}, already checked for type, size and reserved
     * bytes. With {@code mayOverwrite} the message is opened where it lies; otherwise it is opened
     * into {@link #openBuffer}. Either way the packet is delivered as a slice of the buffer it was
     * opened into, with no array of its own.
     */
    Peer transport(long now, InetSocketAddress from, byte[] datagram, int length, boolean mayOverwrite) {
        IndexTable.Entry entry = device.indices.get(TransportData.receiverOf(datagram));
        if (entry == null || entry.keypair() == null) {
            device.drop(now, null, DropReason.UNKNOWN_INDEX, from);
            return null;
        }
        Keypair keypair = entry.keypair();
        Peer peer = entry.peer();
        if (!keypair.canReceive(now)) {
            device.drop(now, peer, DropReason.KEYPAIR_EXPIRED, from);
            return peer;
        }
        long counter = TransportData.counterOf(datagram);
        DropReason replay = replayRefusal(keypair.replay.check(counter));
        if (replay != null) {
            device.drop(now, peer, replay, from);
            return peer;
        }
        int sealedLength = length - TransportData.PAYLOAD_OFFSET;
        byte[] buffer = mayOverwrite ? datagram : openBuffer(sealedLength);
        int offset = mayOverwrite ? TransportData.PAYLOAD_OFFSET : 0;
        int plaintextLength;
        try {
            plaintextLength = keypair.receiver.open(counter, datagram, TransportData.PAYLOAD_OFFSET, sealedLength,
                    buffer, offset);
        } catch (AEADBadTagException e) {
            device.drop(now, peer, DropReason.BAD_TAG, from);
            return peer;
        }
        if (!keypair.replay.markSeen(counter)) {
            device.drop(now, peer, DropReason.REPLAYED, from);
            return peer;
        }

        setEndpoint(now, peer, from);
        if (keypair == peer.keypairs.next) {
            device.indices.releaseKeypair(peer.keypairs.promoteNext());
            sessionStarted(now, peer, keypair);
            device.outbound.sendStaged(now, peer);
        }
        keepKeyFreshReceiving(now, peer);
        peer.timers.anyAuthenticatedPacketTraversal(now);
        peer.timers.anyAuthenticatedPacketReceived(now);
        peer.rxBytes += length;
        if (plaintextLength == 0) {
            return peer; // a keepalive: counted, nothing to deliver, and it does not arm our keepalive
        }
        peer.timers.dataReceived(now);

        int packetLength = InnerPacket.packetLength(buffer, offset, plaintextLength);
        if (packetLength < 0) {
            device.drop(now, peer, DropReason.NOT_IP, from);
            return peer;
        }
        if (device.allowedIps.lookup(InnerPacket.sourceOf(buffer, offset)) != peer) {
            device.drop(now, peer, DropReason.SOURCE_NOT_ALLOWED, from);
            return peer;
        }
        device.sink.deliverPacket(peer.publicKey, buffer, offset, packetLength);
        return peer;
    }

    /**
     * Where transport data the device may not overwrite is opened: one buffer per device, grown to
     * the largest message seen. Reused for every packet, because on a JDK whose ChaCha20-Poly1305 is
     * fast a fresh plaintext array per packet costs over a tenth of the open (docs/benchmarks.md).
     */
    private byte[] openBuffer(int length) {
        if (openBuffer.length < length) {
            openBuffer = new byte[length];
        }
        return openBuffer;
    }

    private static DropReason replayRefusal(ReplayWindow.Verdict verdict) {
        return switch (verdict) {
            case ACCEPTABLE -> null;
            case REPLAYED -> DropReason.REPLAYED;
            case TOO_OLD -> DropReason.COUNTER_TOO_OLD;
            case LIMIT_REACHED -> DropReason.COUNTER_LIMIT;
        };
    }

    /** The receive-side last-minute rekey: the initiator rehandshakes once when its keys near 180 s. */
    private void keepKeyFreshReceiving(long now, Peer peer) {
        if (peer.timers.sentLastMinuteHandshake) {
            return;
        }
        Keypair kp = peer.keypairs.current;
        if (kp != null && kp.valid && kp.initiator
                && kp.age(now) >= io.wgsim.protocol.wire.Protocol.REKEY_ON_RECEIVE_AFTER.toNanos()) {
            peer.timers.sentLastMinuteHandshake = true;
            device.outbound.sendInitiation(now, peer, false);
        }
    }

    // ---- shared steps ----

    /** What every authenticated handshake message does: roam, count, and feed the timers. */
    private void authenticated(long now, Peer peer, InetSocketAddress from, int length) {
        setEndpoint(now, peer, from);
        peer.rxBytes += length;
        peer.timers.anyAuthenticatedPacketTraversal(now);
        peer.timers.anyAuthenticatedPacketReceived(now);
    }

    private void setEndpoint(long now, Peer peer, InetSocketAddress from) {
        if (!from.equals(peer.endpoint)) {
            InetSocketAddress old = peer.endpoint;
            peer.endpoint = from;
            peer.endpointChanges++;
            device.sink.event(new DeviceEvent.EndpointChanged(now, peer.publicKey, old, from));
        }
    }

    private Keypair installKeypair(long now, Peer peer, Handshake.SessionKeys keys) {
        Keypair keypair = new Keypair(keys, now, device.settings.replayWindow(), device.settings.keyLog());
        for (Keypair dropped : peer.keypairs.install(keypair)) {
            device.indices.releaseKeypair(dropped);
        }
        device.indices.bindKeypair(keypair, peer);
        return keypair;
    }

    private void sessionStarted(long now, Peer peer, Keypair keypair) {
        peer.timers.handshakeComplete(now);
        peer.lastHandshakeAt = now;
        peer.sessionsStarted++;
        device.sink.event(new DeviceEvent.SessionStarted(now, peer.publicKey, keypair.localIndex, keypair.remoteIndex,
                keypair.initiator));
    }
}
