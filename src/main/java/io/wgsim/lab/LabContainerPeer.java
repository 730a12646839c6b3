package io.wgsim.lab;

import io.wgsim.config.DumpPeer;
import io.wgsim.config.InterfaceConfig;
import io.wgsim.config.WgQuickConfig;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.crypto.PublicKey;
import io.wgsim.docker.DockerEngine;
import io.wgsim.docker.ExecResult;
import io.wgsim.docker.LabNetwork;
import io.wgsim.docker.SystemUnderTest;
import io.wgsim.docker.WireGuardContainer;
import io.wgsim.net.Cidr;
import io.wgsim.net.IpAddresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The peer under test in the Docker lab: wireguard-go in a container, its interface {@code wg0} brought
 * up with its key and port and no peers, then configured peer by peer with {@code wg set}, as an
 * administrator would; routes follow the allowed IPs.
 */
final class LabContainerPeer {
    static final String IFACE = "wg0";

    private final String name;
    private final WireGuardContainer container;
    private final List<Cidr> tunnelAddresses;
    /** [Peer] sections as last set, by public key, to set again after a restart. */
    private final Map<PublicKey, List<String>> sections = new LinkedHashMap<>();
    private PrivateKey key;
    private int listenPort;
    private InetAddress outerAddress;
    private long noPortsBaseline;

    LabContainerPeer(DockerEngine engine, SystemUnderTest sut, String name, LabNetwork network, PrivateKey key,
                     List<Cidr> tunnelAddresses, int listenPort) {
        this.name = name;
        this.key = key;
        this.tunnelAddresses = List.copyOf(tunnelAddresses);
        this.listenPort = listenPort;
        this.container = WireGuardContainer.run(engine, sut, name, network);
        container.configure(IFACE, new WgQuickConfig(new InterfaceConfig(key, listenPort, tunnelAddresses, null), List.of()));
        this.outerAddress = container.outerAddress();
        this.noPortsBaseline = noPorts();
    }

    String name() {
        return name;
    }

    WireGuardContainer container() {
        return container;
    }

    PrivateKey key() {
        return key;
    }

    List<Cidr> tunnelAddresses() {
        return tunnelAddresses;
    }

    InetAddress outerAddress() {
        return outerAddress;
    }

    InetSocketAddress reachableAddress() {
        return new InetSocketAddress(outerAddress, listenPort);
    }

    /** {@code wg set wg0 peer KEY ...} and a route per allowed IP. */
    void configure(PublicKey remote, String presharedKeyBase64, List<Cidr> allowedIps, InetSocketAddress endpoint,
                   int persistentKeepaliveSeconds) {
        List<String> args = new ArrayList<>(List.of("peer", remote.toBase64()));
        if (presharedKeyBase64 != null) {
            args.add("preshared-key");
            args.add("/tmp/psk"); // written just before, removed just after
        }
        args.add("allowed-ips");
        args.add(allowedIps.isEmpty() ? "" : String.join(",", allowedIps.stream().map(Cidr::toString).toList()));
        if (endpoint != null) {
            args.add("endpoint");
            args.add(IpAddresses.format(endpoint));
        }
        args.add("persistent-keepalive");
        args.add(persistentKeepaliveSeconds == 0 ? "off" : Integer.toString(persistentKeepaliveSeconds));
        List<String> section = List.copyOf(args);
        sections.put(remote, section);
        setPeer(section, presharedKeyBase64, allowedIps);
    }

    private void setPeer(List<String> section, String presharedKeyBase64, List<Cidr> allowedIps) {
        if (presharedKeyBase64 != null) {
            // A file copied in with mode 0600, never a command line: a failing command's text goes
            // into the exception, and a key must not.
            container.copyFile("/tmp/psk", (presharedKeyBase64 + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        StringBuilder script = new StringBuilder("set -e; ");
        script.append("wg set ").append(IFACE);
        for (String a : section) {
            script.append(" '").append(a).append("'");
        }
        script.append("; busybox rm -f /tmp/psk");
        for (Cidr c : allowedIps) {
            script.append("; ip ").append(c.isIpv4() ? "-4" : "-6").append(" route replace ").append(c.network())
                    .append(" dev ").append(IFACE);
        }
        container.exec("bash", "-c", script.toString()).orThrow();
    }

    void removePeer(PublicKey remote) {
        sections.remove(remote);
        container.exec("wg", "set", IFACE, "peer", remote.toBase64(), "remove").orThrow();
    }

    /** Only the endpoint of a [Peer] section (the lab points it at a relay); kept for a restart too. */
    void setEndpoint(PublicKey remote, InetSocketAddress endpoint) {
        String text = IpAddresses.format(endpoint);
        container.exec("wg", "set", IFACE, "peer", remote.toBase64(), "endpoint", text).orThrow();
        List<String> section = sections.get(remote);
        if (section != null) {
            List<String> updated = new ArrayList<>(section);
            int i = updated.indexOf("endpoint");
            if (i >= 0) {
                updated.set(i + 1, text);
            } else {
                updated.add("endpoint");
                updated.add(text);
            }
            sections.put(remote, List.copyOf(updated));
        }
    }

    Optional<PeerView> view(PublicKey remote) {
        Optional<DumpPeer> p = container.dump().peer(remote);
        return p.map(d -> new PeerView(d.publicKey(), d.endpoint() == null ? null : d.endpoint().toSocketAddress(),
                d.allowedIps(), d.latestHandshakeEpochSeconds(), d.rxBytes(), d.txBytes(), d.persistentKeepaliveSeconds()));
    }

    void changeListenPort(int port) {
        container.setListenPort(port);
        listenPort = port;
    }

    /**
     * Moves to another network. wireguard-go keeps sending from the interface it last used (docs/lab.md),
     * so the socket is rebound by a listen-port change there and back.
     */
    void move(LabNetwork to) {
        outerAddress = container.moveTo(to);
        container.setListenPort(listenPort == 65535 ? listenPort - 1 : listenPort + 1);
        container.setListenPort(listenPort);
    }

    /** Stops the container and starts it again: the daemon and its state are gone, the sections are set again. */
    void restart(PrivateKey newKey) {
        container.stop();
        container.start();
        if (newKey != null) {
            key = newKey;
        }
        // The container comes back with the key it was made with; a key changed since must be set again.
        container.copyFile("/tmp/key", (key.toBase64() + "\n").getBytes(StandardCharsets.US_ASCII));
        container.exec("bash", "-c", "set -e; wg set " + IFACE + " private-key /tmp/key; busybox rm -f /tmp/key").orThrow();
        if (listenPort != 0) {
            container.setListenPort(listenPort);
        }
        for (List<String> section : sections.values()) {
            List<Cidr> allowed = new ArrayList<>();
            int i = section.indexOf("allowed-ips");
            if (i >= 0 && !section.get(i + 1).isEmpty()) {
                for (String c : section.get(i + 1).split(",")) {
                    allowed.add(Cidr.parse(c));
                }
            }
            if (section.contains("preshared-key")) {
                throw new UnsupportedOperationException("the real lab does not keep preshared keys across a restart of " + name);
            }
            setPeer(section, null, allowed);
        }
        outerAddress = container.outerAddress();
        noPortsBaseline = noPorts();
    }

    /**
     * UDP datagrams the container's stack received for a port nobody listens on (the lab's UDP port has
     * no listener there), since the peer was made: Udp NoPorts of /proc/net/snmp and Udp6NoPorts of
     * /proc/net/snmp6. wireguard-go's own socket has a listener, so outer datagrams do not count.
     */
    long udpReceived() {
        return noPorts() - noPortsBaseline;
    }

    private long noPorts() {
        ExecResult r = container.exec("cat", "/proc/net/snmp", "/proc/net/snmp6").orThrow();
        long total = 0;
        String[] lines = r.stdout().split("\n");
        for (int i = 0; i + 1 < lines.length; i++) {
            if (lines[i].startsWith("Udp: ") && lines[i + 1].startsWith("Udp: ")) {
                String[] names = lines[i].trim().split("\\s+");
                String[] values = lines[i + 1].trim().split("\\s+");
                for (int j = 0; j < names.length && j < values.length; j++) {
                    if (names[j].equals("NoPorts")) {
                        total += Long.parseLong(values[j]);
                    }
                }
                i++;
            }
        }
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2 && f[0].equals("Udp6NoPorts")) {
                total += Long.parseLong(f[1]);
            }
        }
        return total;
    }

    @Override public String toString() {
        return name + " (" + container + ")";
    }
}
