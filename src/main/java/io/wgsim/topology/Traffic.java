package io.wgsim.topology;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/** An application sending through the tunnels, from one node's tunnel address to another address. */
public sealed interface Traffic {

    /** Its name in reports: given in the file, or "kind from->to". */
    String name();

    /** The node that sends. */
    String from();

    Target to();

    /** When it starts sending. */
    Duration start();

    /**
     * Where traffic goes: a tunnel address, and the node that has it when the file named a node.
     *
     * @param node the node named in the file, or null when the file gave an address
     */
    record Target(String node, InetAddress address) {
        public Target {
            Objects.requireNonNull(address, "address");
        }
    }

    /**
     * ICMP echo requests every {@code interval}, like ping(8).
     *
     * @param size the bytes of ICMP payload, as ping -s counts them
     * @param stop when it stops, or null to run to the end
     * @param count how many requests at most; 0 for no limit
     */
    record Ping(String name, String from, Target to, Duration start, Duration interval, int size, Duration stop,
                long count) implements Traffic {
        public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
        public static final int DEFAULT_SIZE = 56;

        public Ping {
            common(name, from, to, start, stop);
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("interval must be positive, not " + interval);
            }
            if (size < 0 || count < 0) {
                throw new IllegalArgumentException("size and count are 0 or more");
            }
        }
    }

    /**
     * UDP datagrams at a constant bit rate.
     *
     * @param rateBitsPerSecond counting UDP payload bits
     * @param size the bytes of UDP payload per datagram
     * @param stop when it stops, or null to run to the end
     */
    record Cbr(String name, String from, Target to, Duration start, Duration stop, long rateBitsPerSecond, int size,
               int port) implements Traffic {
        public static final int DEFAULT_SIZE = 1200;

        public Cbr {
            common(name, from, to, start, stop);
            if (rateBitsPerSecond <= 0 || size <= 0 || port < 1 || port > 65535) {
                throw new IllegalArgumentException("rate and size must be positive and port 1..65535");
            }
        }
    }

    /**
     * A transfer of {@code bytes} as fast as the path allows. How it paces itself and recovers from loss
     * is the simulator's business, not the topology's.
     */
    record Bulk(String name, String from, Target to, Duration start, long bytes, int port) implements Traffic {
        public Bulk {
            common(name, from, to, start, null);
            if (bytes <= 0 || port < 1 || port > 65535) {
                throw new IllegalArgumentException("bytes must be positive and port 1..65535");
            }
        }
    }

    /** The port cbr and bulk send to when the file names none. */
    int DEFAULT_PORT = 9000;

    private static void common(String name, String from, Target to, Duration start, Duration stop) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(start, "start");
        if (start.isNegative()) {
            throw new IllegalArgumentException("start must be 0 or later, not " + start);
        }
        if (stop != null && stop.compareTo(start) <= 0) {
            throw new IllegalArgumentException("stop " + stop + " is not after start " + start);
        }
    }
}
