package io.wgsim.sim.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NetemSyntaxTest {

    /** Strings already in the printed form: they read and print back unchanged. */
    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "delay 50ms",
        "delay 50ms 10ms",
        "delay 50ms 10ms 25% distribution normal loss 5% duplicate 1%",
        "delay 100ms 20ms distribution pareto",
        "delay 100ms 20ms 10% distribution paretonormal",
        "delay 1.234567ms",
        "delay 250us 1ns",
        "delay 2s 2.147483647s",
        "loss 0.3% 25%",
        "loss 100%",
        "loss gemodel 1%",
        "loss gemodel 1% 10%",
        "loss gemodel 1% 10% 70%",
        "loss gemodel 1% 10% 70% 0.1%",
        "loss gemodel 1% 10% 100% 0.1%",
        "loss gemodel 0% 0%",
        "duplicate 1% 10%",
        "delay 10ms reorder 25% 50%",
        "delay 10ms reorder 25% gap 5",
        "corrupt 0.1%",
        "corrupt 5% 50%",
        "rate 100mbit",
        "rate 5kbit 20 100 5",
        "rate 1mbit -14",
        "rate 1gbit 0 53",
        "rate 12bit",
        "rate 3tbit",
        "limit 50 delay 1.5ms rate 1500kbit",
        "mtu 1280",
        "partition 0s-1ms",
        "partition 10s-20s partition 30s-35.5s",
        "limit 10 delay 20ms 5ms 30% distribution normal loss gemodel 2% 20% 90% 1% duplicate 0.5% "
                + "reorder 10% 10% gap 3 corrupt 0.01% rate 10mbit 42 mtu 1420 partition 1s-2s partition 2s-3s",
    })
    void printedFormReadsBackUnchanged(String text) {
        LinkModel model = NetemSyntax.parse(text);
        assertEquals(text, model.toNetem());
        assertEquals(model, NetemSyntax.parse(model.toNetem()));
    }

    /** Other spellings tc accepts, and the printed form they come back as. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "latency 50msec              | delay 50ms",
        "delay 0.05s                 | delay 50ms",
        "delay 50000us               | delay 50ms",
        "delay 50000000NS            | delay 50ms",
        "delay 1.5SEC                | delay 1.5s",
        "delay 10ms 1ms 25           | delay 10ms 1ms 25%",
        "delay 10ms 1ms distribution uniform | delay 10ms 1ms",
        "loss random 5               | loss 5%",
        "drop 5%                     | loss 5%",
        "loss 0%                     | \"\"",
        "loss 5.%                    | loss 5%",
        "loss .5%                    | loss 0.5%",
        "loss 00012.500%             | loss 12.5%",
        "loss gemodel 1% 99% 100% 0% | loss gemodel 1%",
        "loss gemodel 1% 10% 100%    | loss gemodel 1% 10%",
        "rate 1Mbit                  | rate 1mbit",
        "rate 1000000                | rate 1mbit",
        "rate 1.5mbit                | rate 1500kbit",
        "rate 1kbps                  | rate 8kbit",
        "rate 1MBps                  | rate 8mbit",
        "rate 1Kibit                 | rate 1024bit",
        "rate 1mibps                 | rate 8388608bit",
        "rate 1000gbit               | rate 1tbit",
        "limit 1000                  | \"\"",
        "mtu 0                       | \"\"",
        "'  delay   50ms  '          | delay 50ms",
        "gap 5 reorder 10% delay 1s  | delay 1s reorder 10% gap 5",
        "reorder 25% gap 1 delay 10ms | delay 10ms reorder 25%",
        "corrupt 1% duplicate 2% loss 3% delay 4ms limit 5 | limit 5 delay 4ms loss 3% duplicate 2% corrupt 1%",
        "partition 1000ms-2000ms     | partition 1s-2s",
    })
    void otherSpellingsPrintCanonically(String text, String printed) {
        LinkModel model = NetemSyntax.parse(text.replace("'", ""));
        assertEquals(printed, model.toNetem());
        assertEquals(model, NetemSyntax.parse(printed));
    }

    @Test
    void readsEveryField() {
        LinkModel m = NetemSyntax.parse("limit 10 delay 20ms 5ms 30% distribution normal loss gemodel 2% 20% 90% 1% "
                + "duplicate 0.5% 7% reorder 10% 15% gap 3 corrupt 0.01% 1% rate 10mbit 42 53 -2 mtu 1420 "
                + "partition 1s-2s partition 2.5s-3s");
        assertEquals(new Delay(Duration.ofMillis(20), Duration.ofMillis(5), 30, DelayDistribution.NORMAL), m.delay());
        assertEquals(new Loss.GilbertElliott(2, 20, 90, 1), m.loss());
        assertEquals(new Chance(0.5, 7), m.duplicate());
        assertEquals(new Reorder(10, 15, 3), m.reorder());
        assertEquals(new Chance(0.01, 1), m.corrupt());
        assertEquals(new Rate(10_000_000, 42, 53, -2), m.rate());
        assertEquals(10, m.limit());
        assertEquals(1420, m.mtu());
        assertEquals(List.of(new Partition(Duration.ofSeconds(1), Duration.ofSeconds(2)),
                new Partition(Duration.ofMillis(2500), Duration.ofSeconds(3))), m.partitions());
    }

    @Test
    void gemodelDefaultsAreTcs() {
        // tc: r defaults to 1 - p, 1-h to 100% (h = 0), 1-k to 0%.
        assertEquals(new Loss.GilbertElliott(1, 99, 100, 0), NetemSyntax.parse("loss gemodel 1%").loss());
        assertEquals(Loss.GilbertElliott.gilbert(1, 10), NetemSyntax.parse("loss gemodel 1% 10%").loss());
    }

    /** Models built in code, with values no one would type, survive print and parse exactly. */
    @Test
    void builtModelsRoundTrip() {
        List<LinkModel> models = List.of(
                LinkModel.IDEAL,
                LinkModel.builder().loss(100.0 / 3).build(),
                LinkModel.builder().loss(new Loss.Random(1e-5, 99.99999999999999)).build(),
                LinkModel.builder().duplicate(Chance.of(Math.nextUp(0.0))).build(),
                LinkModel.builder().corrupt(Chance.of(Math.nextDown(100.0))).build(),
                LinkModel.builder().loss(new Loss.GilbertElliott(0.1 + 0.2, 1.0 / 7, 2.0 / 3, 1e-9)).build(),
                LinkModel.builder().loss(new Loss.GilbertElliott(30, 70, 100, 0)).build(),
                LinkModel.builder()
                        .delay(new Delay(Duration.ofNanos(1_234_567_891), Duration.ofNanos(Integer.MAX_VALUE),
                                12.5, DelayDistribution.PARETONORMAL))
                        .reorder(new Reorder(0.001, 0, Integer.MAX_VALUE))
                        .rate(new Rate(1_234_567, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE))
                        .limit(Integer.MAX_VALUE).mtu(Integer.MAX_VALUE)
                        .partition(Duration.ZERO, Duration.ofNanos(1))
                        .partition(Duration.ofNanos(1), Duration.ofDays(365))
                        .build(),
                LinkModel.builder().delay(Duration.ofHours(1)).rate(Long.MAX_VALUE).build());
        for (LinkModel m : models) {
            assertEquals(m, NetemSyntax.parse(m.toNetem()), m.toNetem());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "loss 120%                    | loss 120%: percentage must be 0..100",
        "loss 5% 120%                 | loss correlation 120%: percentage must be 0..100",
        "loss random 101              | loss 101: percentage must be 0..100",
        "loss                         | loss: expects a percentage, random PERCENT or gemodel P",
        "loss random                  | loss random: expects a percentage",
        "loss lots                    | loss lots: expects a percentage, random or gemodel",
        "loss 5%% | loss 5%%: not a percentage",
        "loss state 5%                | loss state: the 4-state model is not supported; use gemodel",
        "loss gemodel                 | loss gemodel: expects p",
        "loss gemodel 1% 200%         | loss gemodel r 200%: percentage must be 0..100",
        "loss gemodel 1% 2% 3% 400%   | loss gemodel 1-k 400%: percentage must be 0..100",
        "loss 0% 25%                  | loss 0%: a correlation needs a loss above 0%",
        "loss 1% loss 2%              | loss: given twice",
        "loss 1% drop 2%              | drop: given twice",
        "corrupt -1%                  | corrupt -1%: not a percentage",
        "duplicate 0% 5%              | duplicate 0%: a correlation needs a percentage above 0%",
        "duplicate 1e2                | duplicate 1e2: not a percentage",
        "delay                        | delay: expects a time",
        "delay 50                     | delay 50: needs a unit, s, ms, us or ns",
        "delay 50parsecs              | delay 50parsecs: unknown unit, use s, ms, us or ns",
        "delay fast                   | delay fast: not a time such as 50ms",
        "delay -5ms                   | delay -5ms: not a time such as 50ms",
        "delay 0.5ns                  | delay 0.5ns: must be a whole number of nanoseconds",
        "delay 99999999999999999999s  | delay 99999999999999999999s: too large",
        "delay 10ms 3s                | delay jitter 3s: must be at most 2.147483647s (netem's limit)",
        "latency 10ms 1ms 101%        | latency correlation 101%: percentage must be 0..100",
        "delay 10ms delay 20ms        | delay: given twice",
        "distribution normal          | distribution normal: needs a delay with a jitter",
        "delay 10ms distribution normal | distribution normal: needs a delay with a jitter",
        "delay 10ms 1ms distribution lognormal | distribution lognormal: must be uniform, normal, pareto or paretonormal",
        "reorder 25%                  | reorder 25%: needs a delay to reorder packets against",
        "delay 10ms gap 5             | gap 5: needs reorder PERCENT",
        "delay 10ms reorder 5% gap 0  | gap 0: must be at least 1",
        "rate                         | rate: expects a rate such as 10mbit",
        "rate 50%                     | rate 50%: a percentage of the device speed is not supported",
        "rate 10furlongs              | rate 10furlongs: unknown unit furlongs, use bit, kbit, mbit, gbit, tbit, kibit.., bps, kbps.. or kibps..",
        "rate fast                    | rate fast: not a rate such as 10mbit",
        "rate 0.5bit                  | rate 0.5bit: must be a whole number of bit/s",
        "rate 0mbit                   | rate 0mbit: must be above 0 (leave rate out for an unlimited link)",
        "rate 99999999tbit            | rate 99999999tbit: too large",
        "rate 1mbit 20 0 5            | rate celloverhead 5: needs a cellsize",
        "rate 1mbit 20 -5             | -5: unknown option",
        "limit 0                      | limit 0: must be at least 1",
        "limit many                   | limit many: not a whole number",
        "mtu 99999999999              | mtu 99999999999: too large",
        "mtu                          | mtu: expects a size in bytes",
        "partition 20s-10s            | partition 20s-10s: must end after it starts",
        "partition 10s                | partition 10s: expects DOWN-UP, for example 10s-20s",
        "partition 1s-2s-3s           | partition 1s-2s-3s: expects DOWN-UP, for example 10s-20s",
        "partition 10-20s             | partition 10: needs a unit, s, ms, us or ns",
        "partition 10s-20s partition 15s-30s | partitions must be in time order without overlap: 15s-30s comes before the end of 10s-20s",
        "ecn                          | ecn: not supported; wgsim's links carry datagrams without ECN bits",
        "seed 42                      | seed: not supported; every link's randomness comes from the simulation's seed",
        "slot 10ms                    | slot: not supported",
        "jitter 5ms                   | jitter: unknown option",
        "del 5ms                      | del: unknown option",
    })
    void errorsNameTheWord(String text, String message) {
        NetemSyntaxException e = assertThrows(NetemSyntaxException.class, () -> NetemSyntax.parse(text));
        assertEquals(message, e.getMessage());
    }

    @Test
    void printsPercentagesExactly() {
        assertEquals("5%", NetemSyntax.percent(5.0));
        assertEquals("0.00001%", NetemSyntax.percent(1e-5));
        assertEquals("33.333333333333336%", NetemSyntax.percent(100.0 / 3));
        assertEquals("0%", NetemSyntax.percent(0.0));
    }

    @Test
    void printsTimesInTheLargestUnit() {
        assertEquals("0s", NetemSyntax.time(Duration.ZERO));
        assertEquals("999ns", NetemSyntax.time(Duration.ofNanos(999)));
        assertEquals("1us", NetemSyntax.time(Duration.ofNanos(1000)));
        assertEquals("1.5ms", NetemSyntax.time(Duration.ofNanos(1_500_000)));
        assertEquals("90s", NetemSyntax.time(Duration.ofSeconds(90)));
        assertEquals("1.000000001s", NetemSyntax.time(Duration.ofNanos(1_000_000_001)));
    }
}
