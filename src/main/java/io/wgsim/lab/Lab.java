package io.wgsim.lab;

import io.wgsim.crypto.PrivateKey;
import io.wgsim.crypto.PublicKey;
import io.wgsim.net.Cidr;
import io.wgsim.protocol.DeviceEvent;
import io.wgsim.sim.link.LinkModel;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The one surface conformance scenarios speak to, whatever runs the peers: {@link SimLab} in the
 * simulator's virtual time, a Docker lab with wireguard-go containers on the wall clock. Peers are named
 * ("alice", "bob"); configuration is in wg-quick terms; observations are limited to what a user of a
 * real WireGuard could see (wg show dump, ping, the capture), plus {@link #events} for wgsim peers.
 *
 * <p>A lab is used from one thread. Methods that name an unknown peer or network throw
 * {@link IllegalArgumentException} naming it.
 */
public interface Lab extends AutoCloseable {

    /** "sim" or "real": the suffix of capture files and the tag the scenario ran under. */
    String backend();

    // ---- building the network ----

    /** A public network: its hosts reach every other public network. */
    void addNetwork(String name, Cidr subnet);

    /**
     * A network behind its own NAT (endpoint-independent mapping, address- and port-dependent
     * filtering, as home routers do) whose mappings expire after {@code mappingTimeout} of silence.
     */
    void addNattedNetwork(String name, Cidr subnet, Duration mappingTimeout);

    /**
     * A WireGuard peer on {@code network} with its tunnel addresses, listening on {@code listenPort}.
     * Its key pair is derived from the scenario (see {@link #privateKey}). {@link PeerRole#UNDER_TEST} is
     * the implementation being checked (wgsim's own core in the simulator, wireguard-go in the real lab).
     */
    void addPeer(String name, PeerRole role, String network, List<Cidr> tunnelAddresses, int listenPort);

    /** A host with no WireGuard, only able to send raw datagrams ({@link #inject}). */
    void addAttacker(String name, String network);

    /** The peer's current private key (scenarios forge handshakes with it, as a thief of the key would). */
    PrivateKey privateKey(String peer);

    default PublicKey publicKey(String peer) {
        return privateKey(peer).publicKey();
    }

    /** What {@code peer}'s role is. */
    PeerRole role(String peer);

    // ---- wg-quick configuration ----

    /** Adds or replaces {@code peer}'s [Peer] section for {@code entry.remote()}, now (wg set ... peer). */
    void configure(String peer, PeerEntry entry);

    /** Removes the [Peer] section with this public key (wg set ... peer KEY remove). */
    void removePeerEntry(String peer, PublicKey key);

    /**
     * The UDP address {@code peer} listens on, as a host on a public network can reach it; throws
     * {@link IllegalStateException} when the peer is behind a NAT (only its own packets open a way in).
     */
    InetSocketAddress reachableAddress(String peer);

    /** The outer address others see {@code peer}'s packets come from: its own, or its NAT's public one. */
    java.net.InetAddress outerAddress(String peer);

    // ---- the outer network ----

    /** The model of every access link before a scenario impairs it (impairments are added to it). */
    LinkModel baseLink();

    /** Impairs {@code peer}'s access link; {@code up} is what it sends, {@code down} what it receives. */
    void impair(String peer, LinkModel up, LinkModel down);

    /** Moves a peer to another network (it gets the next free address there). */
    void move(String peer, String network);

    /** The NAT in front of {@code network} forgets its mappings and gives new outer ports. */
    void rebindNat(String network);

    /** The peer listens on another port from now on (wg set listen-port), keeping its sessions. */
    void changeListenPort(String peer, int port);

    /** The peer's WireGuard restarts: sessions, counters and timers are gone, configuration stays. */
    void restart(String peer);

    /** The peer gets a fresh private key (and restarts with it); other peers must be told the new key. */
    PublicKey changePrivateKey(String peer);

    /** Shifts the peer's clock (the TAI64N timestamps of its initiations); simulator only. */
    void shiftClock(String peer, Duration by);

    /**
     * Sets the send counter of {@code peer}'s current session with {@code remote}; simulator only
     * (REKEY_AFTER_MESSAGES and REJECT_AFTER_MESSAGES without 2^60 packets).
     */
    void setSendCounter(String peer, String remote, long counter);

    /**
     * The peer routes inner packets that are not for it back into its tunnel, decrementing the TTL, as a
     * Linux host with ip_forward does (routing-loop scenarios).
     */
    void enableForwarding(String peer);

    // ---- traffic through the tunnels ----

    /**
     * Starts ping(8) from {@code peer} to {@code destination}: {@code count} echo requests of
     * {@code size} payload bytes, {@code interval} apart, the first now. {@code source} overrides the
     * inner source address (null: the peer's own).
     */
    PingRun ping(String peer, String destination, String source, int count, Duration interval, int size);

    /** Sends one UDP datagram of {@code size} payload bytes through the tunnel. */
    void sendUdp(String peer, String source, String destination, int port, int size, int ttl);

    /** UDP datagrams delivered to {@code peer} on {@code port} so far (any source). */
    long udpReceived(String peer, int port);

    // ---- raw datagrams on the outer network ----

    /** {@code from} (a peer or an attacker) sends raw bytes to {@code to}'s reachable address. */
    void inject(String from, String to, byte[] datagram);

    /**
     * {@code from} sends the same raw bytes to {@code to} {@code count} times, {@code interval} apart,
     * the first now (floods and replays). Returns at once; the sends happen as time passes.
     */
    void injectRepeatedly(String from, String to, byte[] datagram, int count, Duration interval);

    // ---- time ----

    /** Time since the lab started: virtual in the simulator, wall clock in the real lab. */
    Duration elapsed();

    /** Unix time in nanoseconds as the peers' clocks read it now (forged timestamps are made from it). */
    long unixNanosNow();

    /** Lets {@code d} pass. */
    void advance(Duration d);

    /**
     * Lets time pass until {@code condition} holds or {@code limit} has passed; true if it held. The
     * condition is checked at least every {@link #pollInterval()}.
     */
    boolean awaitCondition(Duration limit, BooleanSupplier condition);

    Duration pollInterval();

    // ---- observing ----

    /** {@code peer}'s view of {@code remote}, as a line of {@code wg show dump}; empty if no such entry. */
    Optional<PeerView> view(String peer, PublicKey remote);

    /** Every WireGuard message that entered the outer network so far, in order, read from the capture. */
    List<WireMessage> wire();

    /** The wgsim core's events for a wgsim peer; empty when the peer is not wgsim's (wireguard-go). */
    Optional<List<DeviceEvent>> events(String peer);

    /** The scenario's capture (pcapng with the key log inside); complete after {@link #close()}. */
    Path capture();

    /** Stops everything and completes the capture. */
    @Override void close();
}
