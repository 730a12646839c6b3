package io.wgsim.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.wgsim.check.CheckInputException;
import io.wgsim.check.CheckOptions;
import io.wgsim.check.CheckReport;
import io.wgsim.check.Checker;
import io.wgsim.check.RuleId;
import io.wgsim.check.Violation;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code wgsim check}: reads a capture and prints the WireGuard protocol violations in it, one line each,
 * then a count per rule. Exit status 0 when clean, 1 with violations, 2 when an input cannot be read
 * (or the command line is wrong). The rules are {@link io.wgsim.check.Checker}'s; this class reads the
 * options and prints.
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Check a pcap or pcapng capture for WireGuard protocol violations.",
                "",
                "Prints one line per violation, 'frame N (t=S s) rule-id: message', then a count per rule. "
                        + "With keys (--keylog, or the key log in a pcapng Decryption Secrets Block) it follows the "
                        + "handshakes and decrypts as Wireshark does; with the peers' wg-quick files (--config) it "
                        + "also checks inner source addresses and knows their persistent keepalives.",
                "Exit status: 0 clean, 1 violations found, 2 an input cannot be read or the command line is wrong.",
                "",
        },
        footer = {
                "",
                "Rules (docs/check.md defines each, with its source and exemptions):",
                "  message-size          unknown type, or wrong size for the type",
                "  reserved-bytes        the three bytes after the type are not zero",
                "  mac1                  mac1 matches no known key, though the recipient's is",
                "                        known",
                "  counter-reuse         a counter used twice on a session (copies are not)",
                "  counter-window        a new counter below the replay window, or past",
                "                        REJECT_AFTER_MESSAGES",
                "  keypair-age           data more than 180 s after its keypair's handshake",
                "  rekey-timeout         a retry less than 5 s after an initiation whose",
                "                        handshake did not complete",
                "  keepalive-echo        a keepalive 10 s after receiving only keepalives",
                "                        (confirmation, passive and persistent ones exempt)",
                "  responder-initiation  the responder of a fresh session it still uses",
                "                        initiates, with no timer that allows it",
                "  source-address        an inner source outside the sender's allowed IPs",
                "                        (needs the receiver's --config)",
                "",
                "Timing rules allow --slack for the distance between the capture point and",
                "the peers.",
                "",
                "Examples:",
                "  wgsim check captures/quickstart-seed1/exit1.pcapng",
                "  wgsim check wg.pcap --keylog wg.keys --config alice.conf --config bob.conf",
        })
final class CheckCommand implements Callable<Integer> {
    /** Exit status for an input that cannot be read, as for a usage error. */
    static final int UNREADABLE = 2;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CAPTURE", description = "The pcap or pcapng file to check.")
    private Path capture;

    @Option(names = "--keylog", paramLabel = "FILE",
            description = "A WireGuard key log as Wireshark reads it (wg.keylog_file); may be repeated.")
    private List<Path> keyLogs = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE",
            description = "A peer's wg-quick file: its keys, allowed IPs and persistent keepalives; repeat for each peer.")
    private List<Path> configs = new ArrayList<>();

    @Option(names = "--slack", paramLabel = "DURATION", converter = DurationText.class, defaultValue = "500ms",
            description = "How far capture times may be from when the peers acted (link delay, jitter). "
                    + "Default: ${DEFAULT-VALUE}.")
    private Duration slack;

    @Option(names = "--replay-window", paramLabel = "N", defaultValue = "8128",
            description = "The receivers' replay window (8128 Linux and wireguard-go, 1024 boringtun). Default: ${DEFAULT-VALUE}.")
    private int replayWindow;

    @Option(names = "--ignore", paramLabel = "RULE", description = "A rule not to apply; may be repeated.")
    private List<String> ignored = new ArrayList<>();

    @Option(names = "--json", description = "Print the report as JSON instead of text.")
    private boolean json;

    @Override
    public Integer call() {
        CheckOptions options;
        try {
            options = new CheckOptions(slack, replayWindow, ruleIds());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        CheckReport report;
        try {
            report = Checker.check(capture, keyLogs, configs, options);
        } catch (CheckInputException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("wgsim: " + e.getMessage());
            err.flush();
            return UNREADABLE;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            printJson(report, out);
        } else {
            printText(report, out);
        }
        out.flush();
        return report.clean() ? 0 : 1;
    }

    private Set<RuleId> ruleIds() {
        Set<RuleId> ids = EnumSet.noneOf(RuleId.class);
        for (String name : ignored) {
            RuleId id = RuleId.byId(name);
            if (id == null) {
                List<String> known = new ArrayList<>();
                for (RuleId r : RuleId.values()) {
                    known.add(r.id());
                }
                throw new IllegalArgumentException("--ignore: no rule '" + name + "' (rules: " + String.join(", ", known) + ")");
            }
            ids.add(id);
        }
        return ids;
    }

    static void printText(CheckReport r, PrintWriter out) {
        for (Violation v : r.violations()) {
            out.println(v.line());
        }
        StringBuilder head = new StringBuilder(r.capture()).append(": ").append(r.frames()).append(" frames, ")
                .append(r.wireGuardDatagrams()).append(" WireGuard datagrams, ").append(r.sessions())
                .append(r.sessions() == 1 ? " session" : " sessions");
        if (r.decryptedSessions() > 0) {
            head.append(" (").append(r.decryptedSessions()).append(" decrypted, ").append(r.decryptedMessages())
                    .append(" transport messages decrypted");
            if (r.undecryptable() > 0) {
                head.append(", ").append(r.undecryptable()).append(" did not authenticate");
            }
            head.append(')');
        }
        if (r.copies() > 0) {
            head.append(", ").append(r.copies()).append(" copies");
        }
        out.println(head);
        if (!r.skipped().isEmpty()) {
            List<String> parts = new ArrayList<>();
            r.skipped().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> parts.add(e.getValue() + " " + e.getKey()));
            out.println("  not judged: " + String.join(", ", parts));
        }
        out.println("violations: " + r.violations().size());
        for (RuleId id : RuleId.values()) {
            if (!r.counts().containsKey(id)) {
                out.printf("  %-22s ignored%n", id.id());
            } else if (r.notApplied().containsKey(id)) {
                out.printf("  %-22s not applied: %s%n", id.id(), r.notApplied().get(id));
            } else {
                out.printf("  %-22s %d%n", id.id(), r.counts().get(id));
            }
        }
    }

    static void printJson(CheckReport r, PrintWriter out) {
        try {
            JsonGenerator g = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("capture", r.capture());
            g.writeNumberField("frames", r.frames());
            g.writeNumberField("wireGuardDatagrams", r.wireGuardDatagrams());
            g.writeNumberField("sessions", r.sessions());
            g.writeNumberField("decryptedSessions", r.decryptedSessions());
            g.writeNumberField("decryptedMessages", r.decryptedMessages());
            g.writeNumberField("undecryptable", r.undecryptable());
            g.writeNumberField("copies", r.copies());
            g.writeObjectFieldStart("notJudged");
            for (Map.Entry<String, Long> e : r.skipped().entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("violations");
            for (Violation v : r.violations()) {
                g.writeStartObject();
                g.writeNumberField("frame", v.frame());
                g.writeNumberField("seconds", v.seconds());
                g.writeStringField("rule", v.rule().id());
                g.writeStringField("message", v.message());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("rules");
            for (RuleId id : RuleId.values()) {
                g.writeObjectFieldStart(id.id());
                g.writeStringField("summary", id.summary());
                if (!r.counts().containsKey(id)) {
                    g.writeStringField("status", "ignored");
                } else if (r.notApplied().containsKey(id)) {
                    g.writeStringField("status", "not applied");
                    g.writeStringField("reason", r.notApplied().get(id));
                } else {
                    g.writeStringField("status", "applied");
                    g.writeNumberField("violations", r.counts().get(id));
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
            g.flush();
            out.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
