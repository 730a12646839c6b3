package io.wgsim.sim.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class LinkModelTest {

    private static void refused(String message, Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertEquals(message, e.getMessage());
    }

    @Test
    void idealLinkHasNetemDefaults() {
        LinkModel m = LinkModel.IDEAL;
        assertEquals(Delay.NONE, m.delay());
        assertEquals(Loss.NONE, m.loss());
        assertEquals(1000, m.limit());
        assertEquals(0, m.mtu());
        assertEquals(List.of(), m.partitions());
        assertEquals("", m.toNetem());
        assertEquals("LinkModel[]", m.toString());
    }

    @Test
    void errorsNameTheField() {
        refused("loss.percent 120.0 must be 0..100", () -> new Loss.Random(120, 0));
        refused("loss.correlation NaN must be 0..100", () -> new Loss.Random(5, Double.NaN));
        refused("loss.correlation needs a loss.percent", () -> new Loss.Random(0, 25));
        refused("loss.oneMinusH -1.0 must be 0..100", () -> new Loss.GilbertElliott(1, 10, -1, 0));
        refused("percent 101.0 must be 0..100", () -> Chance.of(101));
        refused("delay.latency PT-0.001S must not be negative", () -> Delay.of(Duration.ofMillis(-1)));
        refused("delay.jitter PT2.147483648S must be 0..2147483647ns",
                () -> Delay.of(Duration.ofSeconds(1), Duration.ofNanos(1L << 31)));
        refused("delay.correlation needs a delay.jitter", () -> Delay.of(Duration.ofSeconds(1)).withCorrelation(5));
        refused("delay.distribution normal needs a delay.latency and a delay.jitter",
                () -> Delay.of(Duration.ofSeconds(1)).withDistribution(DelayDistribution.NORMAL));
        refused("reorder.gap 0 must be at least 1", () -> new Reorder(5, 0, 0));
        refused("reorder.correlation and reorder.gap need a reorder.percent", () -> new Reorder(0, 0, 5));
        refused("rate.packetOverhead, rate.cellSize and rate.cellOverhead need a rate", () -> new Rate(0, 14, 0, 0));
        refused("rate.cellOverhead needs a rate.cellSize", () -> new Rate(1000, 0, 0, 5));
        refused("rate.bitsPerSecond 0 must be positive", () -> Rate.bitsPerSecond(0));
        refused("delay.latency PT2562047H47M16.854775808S is too large for a nanosecond clock",
                () -> Delay.of(Duration.ofNanos(Long.MAX_VALUE).plusNanos(1)));
        refused("partition.down PT-1S must not be negative",
                () -> new Partition(Duration.ofSeconds(-1), Duration.ofSeconds(1)));
        refused("partition.up PT1S must be after partition.down PT1S",
                () -> new Partition(Duration.ofSeconds(1), Duration.ofSeconds(1)));
        refused("limit 0 must be at least 1", () -> LinkModel.builder().limit(0).build());
        refused("mtu -1 must not be negative (0 means no limit)", () -> LinkModel.builder().mtu(-1).build());
        refused("reorder needs a delay.latency: a reordered packet overtakes delayed ones",
                () -> LinkModel.builder().reorder(Reorder.of(5)).build());
        refused("partitions must be in time order without overlap: 1s-2s comes before the end of 5s-6s",
                () -> LinkModel.builder().partition(Duration.ofSeconds(5), Duration.ofSeconds(6))
                        .partition(Duration.ofSeconds(1), Duration.ofSeconds(2)).build());
        NullPointerException npe = assertThrows(NullPointerException.class,
                () -> LinkModel.builder().loss((Loss) null).build());
        assertEquals("loss", npe.getMessage());
    }

    @Test
    void negativeZeroIsZero() {
        assertEquals(Loss.NONE, new Loss.Random(-0.0, -0.0));
        assertEquals(Chance.NONE, Chance.of(-0.0));
    }

    @Test
    void partitionsMayTouch() {
        LinkModel m = LinkModel.builder().partition(Duration.ofSeconds(1), Duration.ofSeconds(2))
                .partition(Duration.ofSeconds(2), Duration.ofSeconds(3)).build();
        assertEquals("partition 1s-2s partition 2s-3s", m.toNetem());
    }

    @Test
    void partitionContainsItsStartButNotItsEnd() {
        Partition p = new Partition(Duration.ofSeconds(10), Duration.ofSeconds(20));
        assertEquals(false, p.contains(9_999_999_999L));
        assertEquals(true, p.contains(10_000_000_000L));
        assertEquals(true, p.contains(19_999_999_999L));
        assertEquals(false, p.contains(20_000_000_000L));
    }

    @Test
    void toBuilderChangesOnePart() {
        LinkModel m = NetemSyntax.parse("delay 10ms loss 1% mtu 1280 partition 1s-2s");
        assertEquals("delay 10ms loss 2% mtu 1280 partition 1s-2s", m.toBuilder().loss(2).build().toNetem());
        assertEquals(m, m.toBuilder().build());
    }

    @Test
    void gilbertElliottStationaryLossUsesNetemsMeanings() {
        // pi_bad = p/(p+r) = 1/11; 1-h is the bad state's loss, 1-k the good state's.
        Loss.GilbertElliott ge = new Loss.GilbertElliott(1, 10, 70, 0.5);
        assertEquals(70.0 / 11 + 0.5 * 10 / 11, ge.stationaryLossPercent(), 1e-12);
        assertEquals(0.5, new Loss.GilbertElliott(0, 0, 70, 0.5).stationaryLossPercent());
        assertEquals(1, new Loss.GilbertElliott(1, 99, 100, 0).stationaryLossPercent(), 1e-12);
    }

    @Test
    void transmissionTimeIsNetemsPacketTime() {
        assertEquals(8_000_000, Rate.bitsPerSecond(1_000_000).transmissionNanos(1000));
        assertEquals(8_160_000, new Rate(1_000_000, 20, 0, 0).transmissionNanos(1000));
        // tc-netem(8)'s example "rate 5kbit 20 100 5": 1020 bytes are 11 cells of 105 bytes.
        assertEquals(1_848_000_000L, new Rate(5_000, 20, 100, 5).transmissionNanos(1000));
        assertEquals(0, new Rate(1_000_000, -2000, 0, 0).transmissionNanos(1000));
        assertEquals(0, Rate.bitsPerSecond(3).transmissionNanos(0));
        assertEquals(2_666_666_666L, Rate.bitsPerSecond(3).transmissionNanos(1)); // floored, as netem
        assertEquals(0, Rate.NONE.transmissionNanos(1500));
        // Sizes that would overflow 64 bits in nanoseconds-times-bits still come out right.
        // (2^31 - 1) bytes at 1 tbit/s: 17179869176 bits, 17179869.176 ns.
        assertEquals(17_179_869L, Rate.bitsPerSecond(1_000_000_000_000L).transmissionNanos(Integer.MAX_VALUE));
    }
}
