package io.wgsim.protocol.allowedips;

import io.wgsim.net.Cidr;
import io.wgsim.net.IpAddresses;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The routing table of a hub with {@code peers} clients, each owning one IPv4 host route and one IPv6
 * /128, as in the scale topologies. {@link #prefixesOfEveryPeer} is what a device status (`wg show
 * dump`) costs in the table; {@link #removeAndReinsertOnePeer} what replacing one peer's allowed IPs
 * costs; {@link #lookup} is the data path's per-packet route lookup, for scale.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class AllowedIpsBenchmark {
    @Param({"1000", "10000"})
    int peers;

    AllowedIps<Integer> table;
    byte[][] addresses;
    int next;

    @Setup
    public void setUp() {
        table = new AllowedIps<>();
        addresses = new byte[peers][];
        for (int p = 0; p < peers; p++) {
            table.insert(v4(p), p);
            table.insert(v6(p), p);
            addresses[p] = v4(p).address().getAddress();
        }
    }

    private static Cidr v4(int p) {
        return new Cidr(IpAddresses.fromBytes(new byte[] {10, (byte) (p >>> 16), (byte) (p >>> 8), (byte) p}), 32);
    }

    private static Cidr v6(int p) {
        byte[] a = new byte[16];
        a[0] = (byte) 0xfd;
        a[13] = (byte) (p >>> 16);
        a[14] = (byte) (p >>> 8);
        a[15] = (byte) p;
        return new Cidr(IpAddresses.fromBytes(a), 128);
    }

    @Benchmark
    public int prefixesOfEveryPeer() {
        int total = 0;
        for (int p = 0; p < peers; p++) {
            List<Cidr> mine = table.prefixesOf(p);
            total += mine.size();
        }
        if (total != 2 * peers) {
            throw new IllegalStateException("expected " + 2 * peers + " prefixes, found " + total);
        }
        return total;
    }

    @Benchmark
    public int removeAndReinsertOnePeer() {
        int p = next++ % peers;
        table.removeByValue(p);
        table.insert(v4(p), p);
        table.insert(v6(p), p);
        return table.size();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Integer lookup() {
        return table.lookup(addresses[next++ % peers]);
    }
}
