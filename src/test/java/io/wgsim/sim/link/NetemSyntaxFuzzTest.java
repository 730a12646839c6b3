package io.wgsim.sim.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wgsim.crypto.Entropy;

/**
 * Fuzz target for the netem parser and the channel: any text either is refused with a
 * NetemSyntaxException or gives a model that prints back to itself and runs. Under plain
 * {@code mvn test} Jazzer runs it in regression mode; set JAZZER_FUZZ=1 to fuzz.
 */
class NetemSyntaxFuzzTest {

    private static final String[] WORDS = {
        "delay", "10ms", "1.5s", "3us", "0s", "25%", "100%", "0%", "5", "distribution", "normal", "pareto",
        "paretonormal", "uniform", "loss", "random", "gemodel", "duplicate", "corrupt", "reorder", "gap", "2",
        "rate", "1mbit", "12bit", "-14", "53", "limit", "3", "mtu", "1280", "partition", "1s-2s", "2s-3s",
        "latency", "drop", "ecn", "seed",
    };

    @FuzzTest(maxDuration = "60s")
    void parseRefusesOrRoundTrips(FuzzedDataProvider data) {
        String text;
        if (data.consumeBoolean()) {
            StringBuilder sb = new StringBuilder();
            int n = data.consumeInt(0, 16);
            for (int i = 0; i < n; i++) {
                sb.append(data.pickValue(WORDS)).append(' ');
            }
            text = sb.toString();
        } else {
            text = data.consumeString(200);
        }
        LinkModel model;
        try {
            model = NetemSyntax.parse(text);
        } catch (NetemSyntaxException e) {
            return;
        }
        assertEquals(model, NetemSyntax.parse(model.toNetem()));
        LinkChannel link = new LinkChannel(model, Entropy.seeded(data.consumeLong()));
        long now = 0;
        for (int i = 0; i < 20; i++) {
            now += data.consumeLong(0, 1_000_000_000L);
            link.transmit(now, new byte[data.consumeInt(0, 2000)]);
        }
        LinkCounters c = link.counters();
        assertEquals(c.offered() + c.duplicated(), c.delivered() + c.droppedTotal());
    }
}
