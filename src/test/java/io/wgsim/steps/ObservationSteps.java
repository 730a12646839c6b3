package io.wgsim.steps;

import io.cucumber.java.en.Then;
import io.wgsim.crypto.PublicKey;
import io.wgsim.lab.Lab;
import io.wgsim.lab.PeerView;
import io.wgsim.lab.PingRun;
import io.wgsim.lab.WireMessage;
import io.wgsim.protocol.DeviceEvent;
import io.wgsim.protocol.wire.DropReason;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a scenario checks, from what a user of WireGuard could see: wg show dump, ping, the capture.
 * Steps that read the wgsim core's events say so, and only hold on the simulator.
 */
public class ObservationSteps {
    private final ScenarioState s = ScenarioState.current();

    private Lab lab() {
        return s.lab();
    }

    // ---- sessions ----

    @Then("within {duration} {peer} and {peer} have a session")
    public void withinSession(Duration limit, String a, String b) {
        boolean ok = lab().awaitCondition(limit, () -> handshook(a, b) && handshook(b, a));
        Expect.that(ok, a + " and " + b + " both show a latest handshake within " + text(limit),
                a + ": " + view(a, b) + "; " + b + ": " + view(b, a), a, b);
    }

    @Then("{peer} and {peer} have no session")
    public void noSession(String a, String b) {
        Expect.that(!handshook(a, b) && !handshook(b, a), "no completed handshake between " + a + " and " + b,
                a + ": " + view(a, b) + "; " + b + ": " + view(b, a), a, b);
    }

    private boolean handshook(String peer, String remote) {
        return lab().view(peer, lab().publicKey(remote)).map(PeerView::hasHandshake).orElse(false);
    }

    private String view(String peer, String remote) {
        return lab().view(peer, lab().publicKey(remote)).map(PeerView::toString).orElse("(no such peer)");
    }

    // ---- pings ----

    @Then("within {duration} all of {peer}'s pings are answered")
    public void withinAllAnswered(Duration limit, String peer) {
        PingRun run = lastPing(peer);
        boolean ok = lab().awaitCondition(limit, () -> run.answered() == run.requested());
        Expect.that(ok, "all " + run.requested() + " echo requests answered within " + text(limit), run.describe(), peer);
    }

    @Then("all of {peer}'s pings are answered")
    public void allAnswered(String peer) {
        PingRun run = lastPing(peer);
        Expect.that(run.answered() == run.requested(), "all " + run.requested() + " echo requests answered", run.describe(), peer);
    }

    @Then("none of {peer}'s pings are answered")
    public void noneAnswered(String peer) {
        PingRun run = lastPing(peer);
        Expect.that(run.sent() > 0 && run.answered() == 0, "echo requests sent and none answered", run.describe(), peer);
    }

    @Then("{count} of {peer}'s pings are answered")
    public void someAnswered(Count count, String peer) {
        PingRun run = lastPing(peer);
        Expect.that(count.matches(run.answered()), count.text() + " echo requests answered", run.describe(), peer);
    }

    private PingRun lastPing(String peer) {
        PingRun run = s.lastPing.get(peer);
        if (run == null) {
            throw new IllegalStateException(peer + " has not pinged anything in this scenario");
        }
        return run;
    }

    // ---- the wire ----

    @Then("{peer} sends {count} {message}")
    public void sends(String peer, Count count, MessageKind kind) {
        List<WireMessage> seen = sent(peer, null, kind, s.markWireIndex);
        Expect.that(count.matches(seen.size()), peer + " sends " + count.text() + " " + kind.words + "(s) since we started watching",
                seen.size() + ": " + describe(seen), peer);
    }

    @Then("{peer} sends {count} {message} to {peer}")
    public void sendsTo(String peer, Count count, MessageKind kind, String to) {
        List<WireMessage> seen = sent(peer, to, kind, s.markWireIndex);
        Expect.that(count.matches(seen.size()), peer + " sends " + count.text() + " " + kind.words + "(s) to " + to
                + " since we started watching", seen.size() + ": " + describe(seen), peer, to);
    }

    @Then("within {duration} {peer} sends {count} {message}")
    public void withinSends(Duration limit, String peer, Count count, MessageKind kind) {
        int from = lab().wire().size();
        Duration start = lab().elapsed();
        if (count.min() == 0) {
            lab().advance(limit);
        } else {
            lab().awaitCondition(limit, () -> sent(peer, null, kind, from).size() >= count.min());
            // "one" is at most one as well: wait out the rest of the window before counting.
            Duration rest = limit.minus(lab().elapsed().minus(start));
            if (count.max() != Long.MAX_VALUE && !rest.isNegative() && !rest.isZero()) {
                lab().advance(rest);
            }
        }
        List<WireMessage> seen = sent(peer, null, kind, from);
        Expect.that(count.matches(seen.size()), peer + " sends " + count.text() + " " + kind.words + "(s) within " + text(limit),
                seen.size() + ": " + describe(seen), peer);
    }

    @Then("{peer} sends {count} {message} during the next {duration}")
    public void sendsDuring(String peer, Count count, MessageKind kind, Duration during) {
        int from = lab().wire().size();
        lab().advance(during);
        List<WireMessage> seen = sent(peer, null, kind, from);
        Expect.that(count.matches(seen.size()), peer + " sends " + count.text() + " " + kind.words + "(s) in " + text(during),
                seen.size() + ": " + describe(seen), peer);
    }

    @Then("the first message {peer} sends after we started watching is a {message}")
    public void firstMessage(String peer, MessageKind kind) {
        List<WireMessage> seen = sent(peer, null, MessageKind.DATAGRAM, s.markWireIndex);
        Expect.that(!seen.isEmpty() && kind.matches(seen.get(0)), "the first datagram " + peer + " sends is a " + kind.words,
                seen.isEmpty() ? "nothing sent" : seen.get(0).describe(), peer);
    }

    @Then("{peer}'s handshake initiations are {duration} to {duration} apart")
    public void initiationGaps(String peer, Duration min, Duration max) {
        List<WireMessage> seen = sent(peer, null, MessageKind.INITIATION, s.markWireIndex);
        List<String> bad = new ArrayList<>();
        for (int i = 1; i < seen.size(); i++) {
            long gap = seen.get(i).atNanos() - seen.get(i - 1).atNanos();
            if (gap < min.toNanos() || gap > max.toNanos()) {
                bad.add(seen.get(i - 1).describe() + " then " + seen.get(i).describe());
            }
        }
        Expect.that(seen.size() >= 2 && bad.isEmpty(), "at least two initiations from " + peer + ", each " + text(min)
                + " to " + text(max) + " after the one before", seen.size() + " initiations; out of range: " + bad, peer);
    }

    @Then("{peer}'s last handshake initiation comes {duration} to {duration} after its first")
    public void initiationSpan(String peer, Duration min, Duration max) {
        List<WireMessage> seen = sent(peer, null, MessageKind.INITIATION, s.markWireIndex);
        long span = seen.size() < 2 ? 0 : seen.get(seen.size() - 1).atNanos() - seen.get(0).atNanos();
        Expect.that(span >= min.toNanos() && span <= max.toNanos(), "the initiations of " + peer + " span " + text(min) + " to " + text(max),
                seen.size() + " initiations spanning " + span / 1e9 + " s", peer);
    }

    @Then("{peer} sends no transport message with a counter of {counter} or more")
    public void countersBelow(String peer, Long limit) {
        List<WireMessage> over = new ArrayList<>();
        for (WireMessage m : sent(peer, null, MessageKind.TRANSPORT, 0)) {
            if (Long.compareUnsigned(m.counter(), limit) >= 0) {
                over.add(m);
            }
        }
        Expect.that(over.isEmpty(), "every transport message from " + peer + " has a counter below " + Long.toUnsignedString(limit),
                over.size() + " at or above it: " + describe(over), peer);
    }

    @Then("{peer}'s data messages are all {int} bytes long")
    public void dataLengths(String peer, int length) {
        List<WireMessage> seen = sent(peer, null, MessageKind.DATA, s.markWireIndex);
        Expect.that(!seen.isEmpty() && seen.stream().allMatch(m -> m.length() == length),
                "every data message from " + peer + " is " + length + " bytes", describe(seen), peer);
    }

    private List<WireMessage> sent(String peer, String to, MessageKind kind, int fromIndex) {
        List<WireMessage> wire = lab().wire();
        List<WireMessage> out = new ArrayList<>();
        for (WireMessage m : wire.subList(Math.min(fromIndex, wire.size()), wire.size())) {
            if (m.from().equals(peer) && (to == null || m.to().equals(to)) && kind.matches(m)) {
                out.add(m);
            }
        }
        return out;
    }

    private static String describe(List<WireMessage> messages) {
        List<String> out = new ArrayList<>();
        for (WireMessage m : messages.subList(Math.max(0, messages.size() - 6), messages.size())) {
            out.add(m.describe());
        }
        return (messages.size() > 6 ? "... " : "") + out;
    }

    // ---- wg show ----

    @Then("within {duration} {peer} sees {peer} at its current address")
    public void withinSeesAt(Duration limit, String peer, String remote) {
        boolean ok = lab().awaitCondition(limit, () -> atCurrentAddress(peer, remote));
        Expect.that(ok, peer + " shows " + remote + "'s endpoint as " + currentAddress(remote) + " within " + text(limit),
                view(peer, remote), peer, remote);
    }

    @Then("{peer} sees {peer} at its current address")
    public void seesAt(String peer, String remote) {
        Expect.that(atCurrentAddress(peer, remote), peer + " shows " + remote + "'s endpoint as " + currentAddress(remote),
                view(peer, remote), peer, remote);
    }

    private boolean atCurrentAddress(String peer, String remote) {
        InetSocketAddress endpoint = lab().view(peer, lab().publicKey(remote)).map(PeerView::endpoint).orElse(null);
        if (endpoint == null) {
            return false;
        }
        InetAddress outer = lab().outerAddress(remote);
        if (!endpoint.getAddress().equals(outer)) {
            return false;
        }
        try {
            return endpoint.getPort() == lab().reachableAddress(remote).getPort();
        } catch (IllegalStateException natted) {
            return true; // behind a NAT: its public port is the NAT's choice
        }
    }

    private String currentAddress(String remote) {
        try {
            InetSocketAddress a = lab().reachableAddress(remote);
            return a.getAddress().getHostAddress() + ":" + a.getPort();
        } catch (IllegalStateException natted) {
            return lab().outerAddress(remote).getHostAddress() + ":(its NAT's port)";
        }
    }

    @Then("{peer} has sent {long} bytes to {peer} and received {long} bytes from it")
    public void transfer(String peer, long tx, String remote, long rx) {
        Optional<PeerView> v = lab().view(peer, lab().publicKey(remote));
        Expect.that(v.isPresent() && v.get().txBytes() == tx && v.get().rxBytes() == rx,
                peer + "'s wg show transfer for " + remote + ": " + rx + " B received, " + tx + " B sent",
                v.map(x -> x.rxBytes() + " B received, " + x.txBytes() + " B sent").orElse("no such peer"), peer, remote);
    }

    @Then("{peer} has sent nothing to {peer}")
    public void sentNothing(String peer, String remote) {
        Optional<PeerView> v = lab().view(peer, lab().publicKey(remote));
        Expect.that(v.isPresent() && v.get().txBytes() == 0, peer + "'s wg show shows 0 B sent to " + remote,
                v.map(PeerView::toString).orElse("no such peer"), peer, remote);
    }

    @Then("{peer} has sent something to {peer}")
    public void sentSomething(String peer, String remote) {
        Optional<PeerView> v = lab().view(peer, lab().publicKey(remote));
        Expect.that(v.isPresent() && v.get().txBytes() > 0, peer + "'s wg show shows bytes sent to " + remote,
                v.map(PeerView::toString).orElse("no such peer"), peer, remote);
    }

    @Then("{peer} receives {count} UDP datagram(s)")
    public void udpReceived(String peer, Count count) {
        long n = lab().udpReceived(peer, TrafficSteps.UDP_PORT);
        Expect.that(count.matches(n), peer + " receives " + count.text() + " UDP datagrams", n + " received", peer);
    }

    // ---- the wgsim core's events (simulator) ----

    @Then("{peer} drops {count} datagram(s)/packet(s) as {reason}")
    public void drops(String peer, Count count, DropReason reason) {
        List<DeviceEvent> dropped = events(peer, e -> e instanceof DeviceEvent.Dropped d && d.reason() == reason);
        Expect.that(count.matches(dropped.size()), peer + " drops " + count.text() + " as " + reason + " since we started watching",
                dropped.size() + " dropped as " + reason, peer);
    }

    @Then("{peer} drops {count} datagram(s) from {peer} as {reason}")
    public void dropsFrom(String peer, Count count, String sender, DropReason reason) {
        InetAddress from = lab().outerAddress(sender);
        List<DeviceEvent> dropped = events(peer, e -> e instanceof DeviceEvent.Dropped d && d.reason() == reason
                && d.from() != null && d.from().getAddress().equals(from));
        Expect.that(count.matches(dropped.size()), peer + " drops " + count.text() + " from " + sender + " as " + reason
                + " since we started watching", dropped.size() + " dropped", peer);
    }

    @Then("{peer} gives up on {peer} between {duration} and {duration} after we started watching")
    public void givesUp(String peer, String remote, Duration min, Duration max) {
        eventBetween(peer, remote, DeviceEvent.HandshakeGaveUp.class, "gives up the handshake", min, max);
    }

    @Then("{peer} zeroes its keys for {peer} between {duration} and {duration} after we started watching")
    public void zeroesKeys(String peer, String remote, Duration min, Duration max) {
        eventBetween(peer, remote, DeviceEvent.KeysZeroed.class, "zeroes its keys", min, max);
    }

    @Then("{peer} and {peer} settle on one session")
    public void settle(String a, String b) {
        List<DeviceEvent> sa = events(a, e -> e instanceof DeviceEvent.SessionStarted);
        List<DeviceEvent> sb = events(b, e -> e instanceof DeviceEvent.SessionStarted);
        boolean ok = false;
        String observed = a + " sessions " + sa.size() + ", " + b + " sessions " + sb.size();
        if (!sa.isEmpty() && !sb.isEmpty()) {
            DeviceEvent.SessionStarted x = (DeviceEvent.SessionStarted) sa.get(sa.size() - 1);
            DeviceEvent.SessionStarted y = (DeviceEvent.SessionStarted) sb.get(sb.size() - 1);
            ok = x.localIndex() == y.remoteIndex() && x.remoteIndex() == y.localIndex() && x.initiator() != y.initiator();
            observed += "; latest: " + x + " / " + y;
        }
        Expect.that(ok, a + " and " + b + " send on the two halves of the same session, one the initiator", observed, a, b);
    }

    private void eventBetween(String peer, String remote, Class<? extends DeviceEvent> type, String what, Duration min, Duration max) {
        PublicKey key = lab().publicKey(remote);
        List<DeviceEvent> found = events(peer, e -> type.isInstance(e) && key.equals(e.peer()));
        long from = s.markNanos;
        boolean ok = found.size() == 1 && found.get(0).at() - from >= min.toNanos() && found.get(0).at() - from <= max.toNanos();
        Expect.that(ok, peer + " " + what + " for " + remote + " once, " + text(min) + " to " + text(max) + " after we started watching",
                found.isEmpty() ? "never" : found.size() + " times, first " + (found.get(0).at() - from) / 1e9 + " s after", peer, remote);
    }

    private List<DeviceEvent> events(String peer, java.util.function.Predicate<DeviceEvent> filter) {
        Optional<List<DeviceEvent>> all = lab().events(s.peer(peer));
        if (all.isEmpty()) {
            throw new AssertionError("this step reads the wgsim core's events, which " + peer + " on the " + lab().backend()
                    + " backend does not have: tag the scenario @sim only");
        }
        List<DeviceEvent> out = new ArrayList<>();
        for (DeviceEvent e : all.get()) {
            if (e.at() >= s.markNanos && filter.test(e)) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
