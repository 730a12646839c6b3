package io.wgsim.sim.link;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes a {@link LinkModel} as the options of {@code tc qdisc ... netem}, so a link can be
 * described the way Linux users already describe one:
 *
 * <pre>
 *   [limit PACKETS]
 *   [delay TIME [JITTER [CORRELATION]]] [distribution {uniform|normal|pareto|paretonormal}]
 *   [loss [random] PERCENT [CORRELATION] | loss gemodel P [R [1-H [1-K]]]]
 *   [duplicate PERCENT [CORRELATION]]
 *   [reorder PERCENT [CORRELATION]] [gap DISTANCE]
 *   [corrupt PERCENT [CORRELATION]]
 *   [rate RATE [PACKETOVERHEAD [CELLSIZE [CELLOVERHEAD]]]]
 *   [mtu BYTES]                          wgsim: longer datagrams are dropped
 *   [partition DOWN-UP]...               wgsim: the link is cut from DOWN until just before UP
 * </pre>
 *
 * Options are separated by spaces and may come in any order; each may be given once, except
 * {@code partition}, which repeats (in time order: {@code partition 10s-20s partition 30s-35s}).
 * Optional arguments are recognised as in tc: the next word is taken when it starts with a digit.
 * {@code latency} is accepted for {@code delay} and {@code drop} for {@code loss}.
 *
 * <ul>
 *   <li>TIME: a decimal number with a unit, {@code s}, {@code ms}, {@code us} or {@code ns} (also
 *       tc's {@code sec}, {@code msec}, {@code usec}, {@code nsec} and plurals, any case). Unlike tc,
 *       a bare number is refused: tc reads it as nanoseconds while its manual says milliseconds.
 *   <li>PERCENT, CORRELATION: a decimal number from 0 to 100, the {@code %} sign optional.
 *   <li>RATE: a decimal number with tc's units, any case: {@code bit}, {@code kbit}, {@code mbit},
 *       {@code gbit}, {@code tbit}, binary {@code kibit} .. {@code tibit}, and bytes per second
 *       {@code bps}, {@code kbps} .. {@code tbps}, {@code kibps} .. {@code tibps} (as in tc,
 *       {@code mbps} is megabytes per second). A bare number is bits per second, as in tc. The result
 *       must be a whole number of bits per second.
 *   <li>PACKETS, DISTANCE, BYTES, CELLSIZE: whole numbers; PACKETOVERHEAD and CELLOVERHEAD may be
 *       negative.
 *   <li>DOWN-UP: two TIMEs on the simulation clock joined by {@code -}, for example {@code 10s-20s};
 *       see {@link Partition}.
 * </ul>
 *
 * tc's {@code loss state}, {@code ecn}, {@code slot}, {@code seed} and rates in percent of the device
 * speed are refused with a message saying so; the seed comes from the simulation instead. Like tc,
 * {@code reorder} needs a {@code delay}, {@code gap} needs {@code reorder}, and a {@code distribution}
 * needs a delay with a jitter.
 *
 * <p>{@link #print} writes options in tc's order, leaving out what is at its default, and uses
 * exact decimals, so {@code parse(print(m)).equals(m)} for every model. Errors name the word that is
 * wrong: {@code loss 120%: percentage must be 0..100}.
 */
public final class NetemSyntax {

    private NetemSyntax() {}

    /** The model these options describe; the empty string is {@link LinkModel#IDEAL}. */
    public static LinkModel parse(String options) {
        return new Parser(options).parse();
    }

    /** The options that {@link #parse} reads back as {@code model}. */
    public static String print(LinkModel model) {
        List<String> out = new ArrayList<>();
        if (model.limit() != LinkModel.DEFAULT_LIMIT) {
            out.add("limit " + model.limit());
        }
        Delay delay = model.delay();
        if (!delay.isNone()) {
            out.add("delay " + time(delay.latency()));
            if (!delay.jitter().isZero()) {
                out.add(time(delay.jitter()));
                if (delay.correlation() > 0) {
                    out.add(percent(delay.correlation()));
                }
            }
            if (delay.distribution() != DelayDistribution.UNIFORM) {
                out.add("distribution " + delay.distribution().netemName());
            }
        }
        printLoss(model.loss(), out);
        printChance("duplicate", model.duplicate(), out);
        Reorder reorder = model.reorder();
        if (!reorder.isNone()) {
            printChance("reorder", new Chance(reorder.percent(), reorder.correlation()), out);
            if (reorder.gap() != 1) {
                out.add("gap " + reorder.gap());
            }
        }
        printChance("corrupt", model.corrupt(), out);
        Rate rate = model.rate();
        if (!rate.isNone()) {
            out.add("rate " + rate(rate.bitsPerSecond()));
            if (rate.packetOverhead() != 0 || rate.cellSize() != 0) {
                out.add(Integer.toString(rate.packetOverhead()));
            }
            if (rate.cellSize() != 0) {
                out.add(Integer.toString(rate.cellSize()));
            }
            if (rate.cellOverhead() != 0) {
                out.add(Integer.toString(rate.cellOverhead()));
            }
        }
        if (model.mtu() != 0) {
            out.add("mtu " + model.mtu());
        }
        for (Partition p : model.partitions()) {
            out.add("partition " + interval(p));
        }
        return String.join(" ", out);
    }

    private static void printLoss(Loss loss, List<String> out) {
        if (loss instanceof Loss.Random) {
            Loss.Random random = (Loss.Random) loss;
            printChance("loss", new Chance(random.percent(), random.correlation()), out);
        } else if (loss instanceof Loss.GilbertElliott) {
            Loss.GilbertElliott ge = (Loss.GilbertElliott) loss;
            // Leave out trailing parameters that are at tc's defaults.
            List<String> params = new ArrayList<>(List.of(percent(ge.p()), percent(ge.r()),
                    percent(ge.oneMinusH()), percent(ge.oneMinusK())));
            if (ge.oneMinusK() == 0) {
                params.remove(3);
                if (ge.oneMinusH() == 100) {
                    params.remove(2);
                    if (ge.r() == 100 - ge.p()) {
                        params.remove(1);
                    }
                }
            }
            out.add("loss gemodel " + String.join(" ", params));
        } else {
            throw new IllegalStateException("unknown loss model " + loss);
        }
    }

    private static void printChance(String option, Chance chance, List<String> out) {
        if (!chance.isNone()) {
            out.add(option + " " + percent(chance.percent()));
            if (chance.correlation() > 0) {
                out.add(percent(chance.correlation()));
            }
        }
    }

    /** A partition as {@code DOWN-UP}. */
    static String interval(Partition p) {
        return time(p.down()) + "-" + time(p.up());
    }

    /** A time in the largest unit it reaches, as an exact decimal: 1.5ms, 10s, 250us, 0s. */
    static String time(Duration duration) {
        long nanos = duration.toNanos();
        String[] units = {"s", "ms", "us"};
        int[] digits = {9, 6, 3};
        long[] scales = {1_000_000_000L, 1_000_000L, 1_000L};
        for (int i = 0; i < units.length; i++) {
            if (nanos >= scales[i]) {
                return plain(BigDecimal.valueOf(nanos).movePointLeft(digits[i])) + units[i];
            }
        }
        return nanos == 0 ? "0s" : nanos + "ns";
    }

    /** A rate in the largest decimal unit that divides it: 100mbit, 1500kbit, 12bit. */
    static String rate(long bitsPerSecond) {
        String[] units = {"tbit", "gbit", "mbit", "kbit"};
        long[] scales = {1_000_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};
        for (int i = 0; i < units.length; i++) {
            if (bitsPerSecond % scales[i] == 0) {
                return bitsPerSecond / scales[i] + units[i];
            }
        }
        return bitsPerSecond + "bit";
    }

    /** A percentage as the shortest exact decimal that reads back as the same double: 5%, 0.1%. */
    static String percent(double value) {
        return plain(new BigDecimal(Double.toString(value))) + "%";
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static final class Parser {
        private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)%?");
        private static final Pattern NUMBER_WITH_UNIT = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)([A-Za-z%]*)");
        private static final Pattern COUNT = Pattern.compile("\\d+");
        private static final Pattern SIGNED = Pattern.compile("-?\\d+");

        private final String[] words;
        private int pos;
        private final Set<String> seen = new HashSet<>();

        private Duration latency = Duration.ZERO;
        private Duration jitter = Duration.ZERO;
        private double delayCorrelation;
        private DelayDistribution distribution = DelayDistribution.UNIFORM;
        private String distributionWord;
        private Loss loss = Loss.NONE;
        private Chance duplicate = Chance.NONE;
        private Chance corrupt = Chance.NONE;
        private Chance reorder = Chance.NONE;
        private String reorderWord;
        private int gap;
        private Rate rate = Rate.NONE;
        private int limit = LinkModel.DEFAULT_LIMIT;
        private int mtu;
        private final List<Partition> partitions = new ArrayList<>();

        Parser(String options) {
            String trimmed = options.strip();
            words = trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
        }

        LinkModel parse() {
            while (pos < words.length) {
                option(words[pos++]);
            }
            if (gap != 0 && reorder.isNone()) {
                throw new NetemSyntaxException("gap " + gap + ": needs reorder PERCENT");
            }
            if (!reorder.isNone() && latency.isZero()) {
                throw new NetemSyntaxException("reorder " + reorderWord + ": needs a delay to reorder packets against");
            }
            if (distribution != DelayDistribution.UNIFORM && (latency.isZero() || jitter.isZero())) {
                throw new NetemSyntaxException("distribution " + distributionWord + ": needs a delay with a jitter");
            }
            try {
                return new LinkModel(new Delay(latency, jitter, delayCorrelation, distribution), loss, duplicate,
                        corrupt, new Reorder(reorder.percent(), reorder.correlation(), Math.max(gap, 1)), rate, limit,
                        mtu, partitions);
            } catch (IllegalArgumentException e) {
                throw new NetemSyntaxException(e.getMessage());
            }
        }

        private void option(String word) {
            String option = canonical(word);
            if (!option.equals("partition") && !seen.add(option)) {
                throw new NetemSyntaxException(word + ": given twice");
            }
            switch (option) {
                case "limit":
                    limit = count("limit", next("limit", "a number of packets"), 1);
                    break;
                case "delay":
                    delay(word);
                    break;
                case "distribution":
                    distributionWord = next("distribution", "uniform, normal, pareto or paretonormal");
                    distribution = DelayDistribution.fromNetem(distributionWord);
                    if (distribution == null) {
                        throw new NetemSyntaxException(
                                "distribution " + distributionWord + ": must be uniform, normal, pareto or paretonormal");
                    }
                    break;
                case "loss":
                    loss(word);
                    break;
                case "duplicate":
                    duplicate = chance("duplicate");
                    break;
                case "corrupt":
                    corrupt = chance("corrupt");
                    break;
                case "reorder":
                    reorderWord = pos < words.length ? words[pos] : "";
                    reorder = chance("reorder");
                    break;
                case "gap":
                    gap = count("gap", next("gap", "a distance in packets"), 1);
                    break;
                case "rate":
                    rate();
                    break;
                case "mtu":
                    mtu = count("mtu", next("mtu", "a size in bytes"), 0);
                    break;
                case "partition":
                    partition();
                    break;
                case "ecn":
                    throw new NetemSyntaxException("ecn: not supported; wgsim's links carry datagrams without ECN bits");
                case "seed":
                    throw new NetemSyntaxException("seed: not supported; every link's randomness comes from the simulation's seed");
                case "slot":
                    throw new NetemSyntaxException("slot: not supported");
                default:
                    throw new NetemSyntaxException(word + ": unknown option");
            }
        }

        private static String canonical(String word) {
            switch (word) {
                case "latency": return "delay";
                case "drop": return "loss";
                default: return word;
            }
        }

        private void delay(String word) {
            latency = time(word, next(word, "a time"));
            if (nextIsNumber()) {
                String label = word + " jitter";
                String j = words[pos++];
                jitter = time(label, j);
                if (jitter.toNanos() > Delay.MAX_JITTER_NANOS) {
                    throw new NetemSyntaxException(label + " " + j + ": must be at most 2.147483647s (netem's limit)");
                }
                if (nextIsNumber()) {
                    delayCorrelation = percent(word + " correlation", words[pos++]);
                }
            }
        }

        private void loss(String word) {
            String first = next(word, "a percentage, random PERCENT or gemodel P");
            switch (first) {
                case "random":
                    loss = randomLoss(word, next(word + " random", "a percentage"));
                    break;
                case "gemodel":
                    gemodel(word);
                    break;
                case "state":
                    throw new NetemSyntaxException(word + " state: the 4-state model is not supported; use gemodel");
                default:
                    if (!startsWithDigit(first) && !first.startsWith(".")) {
                        throw new NetemSyntaxException(word + " " + first + ": expects a percentage, random or gemodel");
                    }
                    loss = randomLoss(word, first);
            }
        }

        private Loss randomLoss(String word, String percentWord) {
            double percent = percent(word, percentWord);
            double correlation = nextIsNumber() ? percent(word + " correlation", words[pos++]) : 0;
            if (correlation > 0 && percent == 0) {
                throw new NetemSyntaxException(word + " " + percentWord + ": a correlation needs a loss above 0%");
            }
            return new Loss.Random(percent, correlation);
        }

        private void gemodel(String word) {
            String label = word + " gemodel";
            double p = percent(label + " p", next(label, "p"));
            // tc's defaults for the parameters left out.
            double r = 100 - p;
            double oneMinusH = 100;
            double oneMinusK = 0;
            if (nextIsNumber()) {
                r = percent(label + " r", words[pos++]);
                if (nextIsNumber()) {
                    oneMinusH = percent(label + " 1-h", words[pos++]);
                    if (nextIsNumber()) {
                        oneMinusK = percent(label + " 1-k", words[pos++]);
                    }
                }
            }
            loss = new Loss.GilbertElliott(p, r, oneMinusH, oneMinusK);
        }

        private Chance chance(String option) {
            String percentWord = next(option, "a percentage");
            double percent = percent(option, percentWord);
            double correlation = nextIsNumber() ? percent(option + " correlation", words[pos++]) : 0;
            if (correlation > 0 && percent == 0) {
                throw new NetemSyntaxException(option + " " + percentWord + ": a correlation needs a percentage above 0%");
            }
            return new Chance(percent, correlation);
        }

        private void rate() {
            String word = next("rate", "a rate such as 10mbit");
            long bits = rateValue(word);
            int packetOverhead = 0;
            int cellSize = 0;
            int cellOverhead = 0;
            if (nextIsSignedNumber()) {
                packetOverhead = signed("rate packetoverhead", words[pos++]);
                if (nextIsNumber()) {
                    cellSize = count("rate cellsize", words[pos++], 0);
                    if (nextIsSignedNumber()) {
                        cellOverhead = signed("rate celloverhead", words[pos++]);
                        if (cellSize == 0 && cellOverhead != 0) {
                            throw new NetemSyntaxException("rate celloverhead " + cellOverhead + ": needs a cellsize");
                        }
                    }
                }
            }
            rate = new Rate(bits, packetOverhead, cellSize, cellOverhead);
        }

        private void partition() {
            String word = next("partition", "DOWN-UP, for example 10s-20s");
            int dash = word.indexOf('-');
            if (dash < 0 || word.indexOf('-', dash + 1) >= 0) {
                throw new NetemSyntaxException("partition " + word + ": expects DOWN-UP, for example 10s-20s");
            }
            Duration down = time("partition", word.substring(0, dash));
            Duration up = time("partition", word.substring(dash + 1));
            if (up.compareTo(down) <= 0) {
                throw new NetemSyntaxException("partition " + word + ": must end after it starts");
            }
            partitions.add(new Partition(down, up));
        }

        private String next(String label, String what) {
            if (pos >= words.length) {
                throw new NetemSyntaxException(label + ": expects " + what);
            }
            return words[pos++];
        }

        private boolean nextIsNumber() {
            return pos < words.length && startsWithDigit(words[pos]);
        }

        private boolean nextIsSignedNumber() {
            return pos < words.length && (startsWithDigit(words[pos]) || words[pos].startsWith("-"));
        }

        private static boolean startsWithDigit(String word) {
            return !word.isEmpty() && word.charAt(0) >= '0' && word.charAt(0) <= '9';
        }

        private static double percent(String label, String word) {
            if (!PERCENT.matcher(word).matches()) {
                throw new NetemSyntaxException(label + " " + word + ": not a percentage");
            }
            double value = Double.parseDouble(word.endsWith("%") ? word.substring(0, word.length() - 1) : word);
            if (value > 100) {
                throw new NetemSyntaxException(label + " " + word + ": percentage must be 0..100");
            }
            return value;
        }

        private static Duration time(String label, String word) {
            Matcher m = NUMBER_WITH_UNIT.matcher(word);
            if (!m.matches()) {
                throw new NetemSyntaxException(label + " " + word + ": not a time such as 50ms");
            }
            long unit = timeUnit(m.group(2).toLowerCase(Locale.ROOT));
            if (unit == 0) {
                throw new NetemSyntaxException(label + " " + word
                        + (m.group(2).isEmpty() ? ": needs a unit, s, ms, us or ns" : ": unknown unit, use s, ms, us or ns"));
            }
            BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
            try {
                return Duration.ofNanos(nanos.longValueExact());
            } catch (ArithmeticException e) {
                throw new NetemSyntaxException(label + " " + word
                        + (nanos.signum() > 0 && nanos.stripTrailingZeros().scale() > 0
                                ? ": must be a whole number of nanoseconds" : ": too large"));
            }
        }

        private static long timeUnit(String unit) {
            switch (unit) {
                case "s": case "sec": case "secs": return 1_000_000_000L;
                case "ms": case "msec": case "msecs": return 1_000_000L;
                case "us": case "usec": case "usecs": return 1_000L;
                case "ns": case "nsec": case "nsecs": return 1L;
                default: return 0;
            }
        }

        private static long rateValue(String word) {
            Matcher m = NUMBER_WITH_UNIT.matcher(word);
            if (!m.matches()) {
                throw new NetemSyntaxException("rate " + word + ": not a rate such as 10mbit");
            }
            if (m.group(2).equals("%")) {
                throw new NetemSyntaxException("rate " + word + ": a percentage of the device speed is not supported");
            }
            long scale = rateUnit(m.group(2).toLowerCase(Locale.ROOT));
            if (scale == 0) {
                throw new NetemSyntaxException("rate " + word + ": unknown unit " + m.group(2)
                        + ", use bit, kbit, mbit, gbit, tbit, kibit.., bps, kbps.. or kibps..");
            }
            BigDecimal bits = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(scale));
            if (bits.signum() == 0) {
                throw new NetemSyntaxException("rate " + word + ": must be above 0 (leave rate out for an unlimited link)");
            }
            try {
                return bits.longValueExact();
            } catch (ArithmeticException e) {
                throw new NetemSyntaxException("rate " + word
                        + (bits.stripTrailingZeros().scale() > 0 ? ": must be a whole number of bit/s" : ": too large"));
            }
        }

        /** tc's rate suffixes (lib/utils_math.c), which it compares ignoring case. */
        private static long rateUnit(String unit) {
            switch (unit) {
                case "": case "bit": return 1L;
                case "kibit": return 1L << 10;
                case "kbit": return 1_000L;
                case "mibit": return 1L << 20;
                case "mbit": return 1_000_000L;
                case "gibit": return 1L << 30;
                case "gbit": return 1_000_000_000L;
                case "tibit": return 1L << 40;
                case "tbit": return 1_000_000_000_000L;
                case "bps": return 8L;
                case "kibps": return 8L << 10;
                case "kbps": return 8_000L;
                case "mibps": return 8L << 20;
                case "mbps": return 8_000_000L;
                case "gibps": return 8L << 30;
                case "gbps": return 8_000_000_000L;
                case "tibps": return 8L << 40;
                case "tbps": return 8_000_000_000_000L;
                default: return 0;
            }
        }

        private static int count(String label, String word, int min) {
            if (!COUNT.matcher(word).matches()) {
                throw new NetemSyntaxException(label + " " + word + ": not a whole number");
            }
            int value = parseInt(label, word);
            if (value < min) {
                throw new NetemSyntaxException(label + " " + word + ": must be at least " + min);
            }
            return value;
        }

        private static int signed(String label, String word) {
            if (!SIGNED.matcher(word).matches()) {
                throw new NetemSyntaxException(label + " " + word + ": not a whole number");
            }
            return parseInt(label, word);
        }

        private static int parseInt(String label, String word) {
            try {
                return Integer.parseInt(word);
            } catch (NumberFormatException e) {
                throw new NetemSyntaxException(label + " " + word + ": too large");
            }
        }
    }
}
