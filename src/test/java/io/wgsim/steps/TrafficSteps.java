package io.wgsim.steps;

import io.cucumber.java.en.When;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.lab.Forgery;
import io.wgsim.lab.Lab;
import io.wgsim.lab.PingRun;
import io.wgsim.lab.WireMessage;
import io.wgsim.sim.RandomStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Traffic through the tunnels, raw datagrams on the outer network, and time passing. */
public class TrafficSteps {
    static final int PING_PAYLOAD = 56;
    static final int UDP_PORT = 5000;
    private static final Duration PING_INTERVAL = Duration.ofSeconds(1);

    private final ScenarioState s = ScenarioState.current();

    private Lab lab() {
        return s.lab();
    }

    // ---- ping ----

    @When("{peer} pings {peer}")
    public void pingsOnce(String from, String to) {
        ping(from, s.tunnelAddress(to), null, 1, PING_INTERVAL, PING_PAYLOAD);
    }

    @When("{peer} pings {peer} {int} times")
    public void pingsTimes(String from, String to, int count) {
        ping(from, s.tunnelAddress(to), null, count, PING_INTERVAL, PING_PAYLOAD);
    }

    @When("{peer} pings {peer} {int} times every {duration}")
    public void pingsTimesEvery(String from, String to, int count, Duration every) {
        ping(from, s.tunnelAddress(to), null, count, every, PING_PAYLOAD);
    }

    @When("{peer} pings {peer} every {duration} for {duration}")
    public void pingsFor(String from, String to, Duration every, Duration during) {
        ping(from, s.tunnelAddress(to), null, (int) (during.toNanos() / every.toNanos()), every, PING_PAYLOAD);
    }

    @When("{peer} pings {peer} over IPv6")
    public void pingsOverIpv6(String from, String to) {
        ping(from, s.tunnelAddress6(to), null, 1, PING_INTERVAL, PING_PAYLOAD);
    }

    @When("{peer} pings {peer} with {size} of payload")
    public void pingsWithPayload(String from, String to, Long size) {
        ping(from, s.tunnelAddress(to), null, 1, PING_INTERVAL, Math.toIntExact(size));
    }

    @When("{peer} pings {peer} {int} times every {duration} with {size} of payload")
    public void pingsTimesEveryWithPayload(String from, String to, int count, Duration every, Long size) {
        ping(from, s.tunnelAddress(to), null, count, every, Math.toIntExact(size));
    }

    @When("{peer} pings {address}")
    public void pingsAddress(String from, String address) {
        ping(from, address, null, 1, PING_INTERVAL, PING_PAYLOAD);
    }

    @When("{peer} pings {peer} from {address}")
    public void pingsFromAddress(String from, String to, String source) {
        ping(from, s.tunnelAddress(to), source, 1, PING_INTERVAL, PING_PAYLOAD);
    }

    private void ping(String from, String destination, String source, int count, Duration every, int size) {
        PingRun run = lab().ping(s.peer(from), destination, source, count, every, size);
        s.lastPing.put(from, run);
        s.pings.add(run);
    }

    // ---- UDP ----

    @When("{peer} sends a UDP datagram to {peer}")
    public void udpToPeer(String from, String to) {
        lab().sendUdp(s.peer(from), null, s.tunnelAddress(to), UDP_PORT, 32, 64);
    }

    @When("{peer} sends a UDP datagram to {peer} from {address}")
    public void udpToPeerFrom(String from, String to, String source) {
        lab().sendUdp(s.peer(from), source, s.tunnelAddress(to), UDP_PORT, 32, 64);
    }

    @When("{peer} sends a UDP datagram to {address}")
    public void udpToAddress(String from, String address) {
        lab().sendUdp(s.peer(from), null, address, UDP_PORT, 32, 64);
    }

    @When("{peer} sends a UDP datagram to {address} with TTL {int}")
    public void udpToAddressTtl(String from, String address, int ttl) {
        lab().sendUdp(s.peer(from), null, address, UDP_PORT, 32, ttl);
    }

    // ---- raw datagrams ----

    @When("{peer} replays the last {message} from {peer} to {peer}")
    public void replaysLastBetween(String attacker, MessageKind kind, String sender, String recipient) {
        lab().inject(node(attacker), recipient, pick(sender, recipient, kind, true).bytes());
    }

    @When("{peer} replays the first {message} from {peer} to {peer}")
    public void replaysFirstBetween(String attacker, MessageKind kind, String sender, String recipient) {
        lab().inject(node(attacker), recipient, pick(sender, recipient, kind, false).bytes());
    }

    @When("{peer} replays the last {message} from {peer} to {peer} {int} times within {duration}")
    public void replaysManyBetween(String attacker, MessageKind kind, String sender, String recipient, int times, Duration within) {
        lab().injectRepeatedly(node(attacker), recipient, pick(sender, recipient, kind, true).bytes(), times, within.dividedBy(times));
    }

    private WireMessage pick(String sender, String recipient, MessageKind kind, boolean last) {
        List<WireMessage> wire = lab().wire();
        WireMessage found = null;
        for (WireMessage m : wire) {
            if (m.from().equals(sender) && (recipient == null || m.to().equals(recipient)) && kind.matches(m)) {
                found = m;
                if (!last) {
                    break;
                }
            }
        }
        Expect.that(found != null, "a " + kind.words + " from " + sender + (recipient == null ? "" : " to " + recipient)
                + " on the wire to replay",
                "none among " + wire.size() + " datagrams", sender);
        return found;
    }

    /** A sender of raw datagrams: an attacker, or a peer sending outside its WireGuard. */
    private String node(String name) {
        return s.hasPeer(name) ? name : s.attacker(name);
    }

    @When("{peer} sends {peer} bad datagrams of every kind")
    public void badInput(String attacker, String to) {
        Map<String, byte[]> bad = Forgery.badInputs(strangerInitiation(to), RandomStream.derive(s.seed, "bad-input"));
        for (byte[] datagram : bad.values()) {
            lab().inject(node(attacker), to, datagram);
        }
    }

    @When("{peer} sends {peer} a handshake initiation with a bad mac1")
    public void badMac1(String attacker, String to) {
        lab().inject(node(attacker), to, Forgery.withBadMac1(strangerInitiation(to)));
    }

    @When("{peer} sends {peer} {int} handshake initiations as {peer} {duration} apart")
    public void forgedInitiations(String attacker, String to, int count, String as, Duration apart) {
        // With the stolen key, each newer than anything the victim sent so far.
        long base = lab().unixNanosNow() + Duration.ofHours(1).toNanos();
        RandomStream entropy = RandomStream.derive(s.seed, "forged:" + as);
        // Made before the first is sent, so that on the wall clock they are as far apart as asked.
        List<byte[]> initiations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            initiations.add(Forgery.initiation(lab().privateKey(as), lab().publicKey(to), base + i * apart.toNanos(), entropy));
        }
        for (int i = 0; i < count; i++) {
            lab().inject(node(attacker), to, initiations.get(i));
            if (i + 1 < count) {
                lab().advance(apart);
            }
        }
    }

    private byte[] strangerInitiation(String to) {
        PrivateKey stranger = PrivateKey.generate(RandomStream.derive(s.seed, "stranger-key"));
        return Forgery.initiation(stranger, lab().publicKey(to), lab().unixNanosNow(), RandomStream.derive(s.seed, "stranger"));
    }

    // ---- time ----

    @When("{duration} pass(es)")
    public void pass(java.time.Duration d) {
        lab().advance(d);
    }

    @When("we start watching")
    public void startWatching() {
        s.mark();
    }
}
