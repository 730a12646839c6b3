package io.wgsim.check;

import io.wgsim.crypto.PublicKey;
import io.wgsim.protocol.wire.CookieReply;
import io.wgsim.protocol.wire.Initiation;
import io.wgsim.protocol.wire.Message;
import io.wgsim.protocol.wire.Protocol;
import io.wgsim.protocol.wire.Response;
import io.wgsim.protocol.wire.TransportData;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.crypto.AEADBadTagException;

/**
 * Follows the WireGuard messages of a capture in order and turns each into an {@link Observation}:
 * handshakes become sessions (decrypted when the keys allow), transport messages are assigned to their
 * session by receiver index, copies are recognised, and parties are named by key where known.
 */
final class Tracker {
    private final KeyRing keys;
    private final AddressBook book;
    private final Mac1Cache mac1;
    private final Set<ByteBuffer> handshakes = new HashSet<>();
    private final Map<Integer, Pending> initiations = new HashMap<>();
    private final Map<Integer, Route> routes = new HashMap<>();
    private int sessions;
    int decryptedSessions;
    long decryptedMessages;
    long undecryptable;
    long copies;

    /** The mac1 owners computed in the first pass, by frame. */
    interface Mac1Cache {
        PublicKey owner(long frame);
    }

    private record Pending(Party initiator, Party responder, PassiveHandshake.Opened opened) {}

    private record Route(Session session, boolean towardsResponder) {}

    Tracker(KeyRing keys, AddressBook book, Mac1Cache mac1) {
        this.keys = keys;
        this.book = book;
        this.mac1 = mac1;
    }

    int sessions() {
        return sessions;
    }

    Observation observe(Packet p, Message m) {
        Observation o;
        if (m instanceof Initiation i) {
            o = initiation(p, i);
        } else if (m instanceof Response r) {
            o = response(p, r);
        } else if (m instanceof CookieReply c) {
            o = new Observation.CookieSeen(p, c, !handshakes.add(ByteBuffer.wrap(c.bytes())));
        } else {
            o = transport(p, (TransportData) m);
        }
        if (Conversation.isCopy(o)) {
            copies++;
        }
        return o;
    }

    private Observation initiation(Packet p, Initiation m) {
        boolean copy = !handshakes.add(ByteBuffer.wrap(m.bytes()));
        PublicKey owner = mac1.owner(p.frame());
        Observation.Mac1 verdict = new Observation.Mac1(owner, owner != null || book.knowsKeyAt(p.destination()));
        Party responder = owner != null ? Party.of(owner) : book.party(p.destination());
        PassiveHandshake.Opened opened = copy ? PassiveHandshake.Opened.NOTHING : PassiveHandshake.initiation(keys, owner, m);
        Party initiator = opened.initiator() != null ? Party.of(opened.initiator()) : book.party(p.source());
        if (!copy) {
            initiations.put(m.sender(), new Pending(initiator, responder, opened));
        }
        return new Observation.InitiationSeen(p, m, initiator, responder, verdict, copy);
    }

    private Observation response(Packet p, Response m) {
        boolean copy = !handshakes.add(ByteBuffer.wrap(m.bytes()));
        PublicKey owner = mac1.owner(p.frame());
        Pending pending = initiations.get(m.receiver());
        boolean recipientKnown = owner != null || book.knowsKeyAt(p.destination())
                || (pending != null && pending.initiator().key() != null);
        Observation.Mac1 verdict = new Observation.Mac1(owner, recipientKnown);
        if (copy) {
            return new Observation.ResponseSeen(p, m, null, verdict, true);
        }
        Party initiator = owner != null ? Party.of(owner)
                : pending != null ? pending.initiator() : book.party(p.destination());
        Party responder = pending != null ? pending.responder() : book.party(p.source());
        PassiveHandshake.TransportKeys transportKeys = pending == null ? null
                : PassiveHandshake.response(keys, pending.opened(), m);
        if (transportKeys != null) {
            decryptedSessions++;
        }
        Session s = new Session(++sessions, true, p.frame(), p.time(), initiator, responder, m.sender(),
                transportKeys);
        routes.put(m.sender(), new Route(s, true));
        routes.put(m.receiver(), new Route(s, false));
        return new Observation.ResponseSeen(p, m, s, verdict, false);
    }

    private Observation transport(Packet p, TransportData m) {
        Route route = routes.get(m.receiver());
        if (route == null) {
            // The capture began after this session's handshake: roles and birth unknown.
            Session s = new Session(++sessions, false, p.frame(), p.time(), book.party(p.source()),
                    book.party(p.destination()), m.receiver(), null);
            route = new Route(s, true);
            routes.put(m.receiver(), route);
        }
        Session s = route.session();
        byte[] b = m.bytes();
        byte[] tag = Arrays.copyOfRange(b, b.length - Protocol.TAG_LENGTH, b.length);
        CounterHistory.Status status = s.counters(route.towardsResponder()).observe(m.counter(), tag);
        boolean first = !status.sameBytes() && s.markSent(route.towardsResponder());
        byte[] plaintext = null;
        if (s.decryptable() && !status.sameBytes()) {
            plaintext = new byte[m.sealedLength() - Protocol.TAG_LENGTH];
            try {
                s.cipher(route.towardsResponder()).open(m.counter(), b, TransportData.PAYLOAD_OFFSET, m.sealedLength(),
                        plaintext, 0);
                decryptedMessages++;
            } catch (AEADBadTagException e) {
                plaintext = null;
                undecryptable++;
            }
        }
        return new Observation.TransportSeen(p, m, s, route.towardsResponder(), status, first, plaintext);
    }
}
