package io.wgsim.real;

import io.wgsim.config.PeerConfig;
import io.wgsim.config.WgQuickConfig;
import io.wgsim.net.Cidr;
import io.wgsim.net.IpAddresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run one real peer: its wg-quick configuration, the UDP address to bind, and what to do besides
 * answering (ping someone, stop after a while, write a status file and a key log). Checked when made, so
 * a {@link RealPeer} never starts with options it cannot honour; messages name the option.
 *
 * @param bind the UDP address to listen on; a wildcard address listens on all
 * @param ping echo requests to send through the tunnel, or null
 * @param runFor stop after this long, or null to run until stopped (or until the ping is done)
 * @param statusFile where to keep {@code wg show dump} text, or null
 * @param keyLog where to append Wireshark key-log lines, or null
 */
public record PeerOptions(WgQuickConfig config, InetSocketAddress bind, Ping ping, Duration runFor, Path statusFile,
                          Path keyLog) {

    /**
     * Echo requests to {@code target} through the tunnel, like {@code ping -c count -i interval}.
     *
     * @param replyTimeout how long to wait for late replies after the last request
     */
    public record Ping(InetAddress target, int count, Duration interval, Duration replyTimeout) {
        public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
        public static final Duration DEFAULT_REPLY_TIMEOUT = Duration.ofSeconds(2);

        public Ping {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(replyTimeout, "replyTimeout");
            if (count < 1 || count > 0xffff) {
                throw new IllegalArgumentException("--count " + count + " is out of range 1..65535");
            }
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("--interval must be positive, got " + interval);
            }
            if (replyTimeout.isNegative()) {
                throw new IllegalArgumentException("the reply timeout must not be negative, got " + replyTimeout);
            }
        }

        public Ping(InetAddress target, int count, Duration interval) {
            this(target, count, interval, DEFAULT_REPLY_TIMEOUT);
        }
    }

    public PeerOptions {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(bind, "bind");
        if (bind.isUnresolved()) {
            throw new IllegalArgumentException("listen address " + bind + " must be an IP address");
        }
        if (runFor != null && (runFor.isNegative() || runFor.isZero())) {
            throw new IllegalArgumentException("--for must be positive, got " + runFor);
        }
        if (ping != null) {
            pingSource(config, ping.target()); // throws when there is none
            if (!routed(config, ping.target())) {
                throw new IllegalArgumentException("no peer's AllowedIPs contain " + IpAddresses.format(ping.target())
                        + ": the ping would have no route");
            }
        }
    }

    /** Options that only answer: bound to all addresses on the configured ListenPort (or any port). */
    public static PeerOptions listening(WgQuickConfig config) {
        Integer port = config.iface().listenPort();
        return new PeerOptions(config, new InetSocketAddress(port == null ? 0 : port), null, null, null, null);
    }

    public PeerOptions withBind(InetSocketAddress value) {
        return new PeerOptions(config, value, ping, runFor, statusFile, keyLog);
    }

    public PeerOptions withPing(Ping value) {
        return new PeerOptions(config, bind, value, runFor, statusFile, keyLog);
    }

    public PeerOptions withRunFor(Duration value) {
        return new PeerOptions(config, bind, ping, value, statusFile, keyLog);
    }

    public PeerOptions withStatusFile(Path value) {
        return new PeerOptions(config, bind, ping, runFor, value, keyLog);
    }

    public PeerOptions withKeyLog(Path value) {
        return new PeerOptions(config, bind, ping, runFor, statusFile, value);
    }

    /** Our tunnel address that pings {@code target}: the first Address of its family. */
    static InetAddress pingSource(WgQuickConfig config, InetAddress target) {
        int family = target.getAddress().length;
        for (Cidr address : config.iface().addresses()) {
            if (address.address().getAddress().length == family) {
                return address.address();
            }
        }
        throw new IllegalArgumentException("cannot ping " + IpAddresses.format(target) + ": the [Interface] has no "
                + (family == 4 ? "IPv4" : "IPv6") + " Address to send from");
    }

    private static boolean routed(WgQuickConfig config, InetAddress target) {
        byte[] bytes = target.getAddress();
        for (PeerConfig peer : config.peers()) {
            for (Cidr allowed : peer.allowedIps()) {
                if (allowed.contains(bytes)) {
                    return true;
                }
            }
        }
        return false;
    }
}
