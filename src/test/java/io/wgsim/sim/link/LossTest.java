package io.wgsim.sim.link;

import static io.wgsim.sim.link.Links.assertBalanced;
import static io.wgsim.sim.link.Links.channel;
import static io.wgsim.sim.link.Links.datagram;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Random and Gilbert-Elliott loss, with fixed seeds: exact counts, and the statistics they should show. */
class LossTest {

    private static final byte[] PACKET = datagram(100);

    /** Offers n packets 1 us apart and records which were lost. */
    private static boolean[] run(String netem, long seed, int n) {
        LinkChannel link = channel(netem, seed);
        boolean[] lost = new boolean[n];
        for (int i = 0; i < n; i++) {
            lost[i] = link.transmit(i * Links.US, PACKET).get(0) instanceof LinkDrop;
        }
        assertBalanced(link.counters());
        assertEquals(count(lost), link.counters().dropped(LinkDropReason.LOSS));
        return lost;
    }

    private static int count(boolean[] lost) {
        int n = 0;
        for (boolean b : lost) {
            n += b ? 1 : 0;
        }
        return n;
    }

    /** P(lost | previous lost). */
    private static double lossAfterLoss(boolean[] lost) {
        int afterLoss = 0;
        int both = 0;
        for (int i = 1; i < lost.length; i++) {
            if (lost[i - 1]) {
                afterLoss++;
                both += lost[i] ? 1 : 0;
            }
        }
        return both / (double) afterLoss;
    }

    /** The mean length of runs of consecutive losses. */
    private static double meanBurst(boolean[] lost) {
        int bursts = 0;
        for (int i = 0; i < lost.length; i++) {
            if (lost[i] && (i == 0 || !lost[i - 1])) {
                bursts++;
            }
        }
        return count(lost) / (double) bursts;
    }

    @Test
    void randomLossRateWithinTolerance() {
        boolean[] lost = run("loss 5%", 1, 100_000);
        // 3 standard deviations of a binomial(100000, 0.05) are 0.2 percentage points.
        assertEquals(0.05, count(lost) / 100_000.0, 0.002);
        assertEquals(4920, count(lost));
        // Independent: a loss says nothing about the next packet.
        assertEquals(0.05, lossAfterLoss(lost), 0.01);
    }

    @Test
    void correlatedLossClustersAndIsRarerAsInNetem() {
        boolean[] lost = run("loss 5% 25%", 1, 100_000);
        // netem's averaging correlation makes losses rare, about 0.2% instead of 5%...
        assertEquals(193, count(lost));
        // ...and clustered: after a loss, the next packet is lost more than ten times as often.
        assertTrue(lossAfterLoss(lost) > 10 * count(lost) / 100_000.0, "P(loss | loss) = " + lossAfterLoss(lost));
        // Stronger correlation, rarer still.
        assertTrue(count(run("loss 5% 50%", 1, 100_000)) < 10);
    }

    @Test
    void noLossDrawsNothingAndFullLossLosesEverything() {
        assertEquals(0, count(run("loss 0%", 1, 10_000)));
        assertEquals(10_000, count(run("loss 100%", 1, 10_000)));
    }

    @Test
    void gilbertElliottLossRateMatchesTheStationaryDistribution() {
        // p = 1%, r = 10%, 1-h = 70% (bad state), 1-k = 0.5% (good state):
        // pi_bad = p/(p+r) = 1/11, loss = 0.7/11 + 0.005 * 10/11 = 6.818%.
        String netem = "loss gemodel 1% 10% 70% 0.5%";
        double expected = ((Loss.GilbertElliott) NetemSyntax.parse(netem).loss()).stationaryLossPercent() / 100;
        assertEquals(0.068182, expected, 1e-6);
        boolean[] lost = run(netem, 1, 2_000_000);
        // Bursty, so the estimate spreads more than a binomial one; 5 seeds spread by under 0.1 points per
        // million packets.
        assertEquals(expected, count(lost) / 2_000_000.0, 0.002);
        assertEquals(137_013, count(lost));
    }

    @Test
    void gilbertBurstsLastOneOverRPackets() {
        // The simple Gilbert model: the bad state loses everything, the good state nothing, so a
        // burst of losses is exactly one stay in the bad state, 1/r = 10 packets on average.
        boolean[] lost = run("loss gemodel 1% 10%", 1, 1_000_000);
        assertEquals(10, meanBurst(lost), 0.3);
        assertEquals(1.0 / 11, count(lost) / 1_000_000.0, 0.003);
        assertEquals(91_909, count(lost));
    }

    @Test
    void gemodelWithOneParameterIsBernoulli() {
        // tc's defaults r = 1 - p, 1-h = 100%, 1-k = 0%: the chain forgets its state every packet.
        boolean[] lost = run("loss gemodel 5%", 1, 1_000_000);
        assertEquals(0.05, count(lost) / 1_000_000.0, 0.001);
        assertEquals(0.05, lossAfterLoss(lost), 0.003);
    }

    @Test
    void gilbertElliottStartsInTheGoodState() {
        // p = 0: the chain never leaves the good state, where 1-k = 0 loses nothing, although the
        // bad state would lose everything.
        assertEquals(0, count(run("loss gemodel 0% 0% 100% 0%", 1, 10_000)));
    }
}
