package io.wgsim.steps;

import io.cucumber.java.ParameterType;
import io.wgsim.net.Cidr;
import io.wgsim.net.IpAddresses;
import io.wgsim.protocol.wire.DropReason;
import io.wgsim.protocol.wire.Protocol;
import io.wgsim.sim.link.LinkModel;
import io.wgsim.sim.link.NetemSyntax;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The parameter types of the step vocabulary; each refuses what it cannot read with an example of what it can. */
public class ParameterTypes {

    @ParameterType(Units.DURATION)
    public Duration duration(String text) {
        return Units.duration(text);
    }

    @ParameterType(Units.SIZE)
    public Long size(String text) {
        return Units.bytes(text);
    }

    @ParameterType(Units.RATE)
    public Long rate(String text) {
        return Units.bitsPerSecond(text);
    }

    @ParameterType(Units.PERCENTAGE)
    public Double percentage(String text) {
        return Units.percent(text);
    }

    /** A lab peer's name: a lower-case word. */
    @ParameterType("[a-z][a-z0-9]*")
    public String peer(String name) {
        return name;
    }

    /** One or more IP prefixes, comma-separated: 10.0.0.0/8, fd00::/64. */
    @ParameterType("[0-9a-fA-F.:]+/\\d+(?:, ?[0-9a-fA-F.:]+/\\d+)*")
    public List<Cidr> prefixes(String text) {
        List<Cidr> out = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                out.add(Cidr.parse(part.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + part.trim() + "' is not an IP prefix like 10.0.0.0/24 or fd00::/64: "
                        + e.getMessage(), e);
            }
        }
        return out;
    }

    /** An IPv4 or IPv6 address literal. */
    @ParameterType("\\d+\\.\\d+\\.\\d+\\.\\d+|[0-9a-fA-F]*:[0-9a-fA-F:]+")
    public String address(String text) {
        try {
            return IpAddresses.format(IpAddresses.parse(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address: " + e.getMessage(), e);
        }
    }

    /** netem options in double quotes: "delay 50ms 10ms loss 30%". */
    @ParameterType("\"[^\"]*\"")
    public LinkModel netem(String quoted) {
        String options = quoted.substring(1, quoted.length() - 1);
        try {
            return NetemSyntax.parse(options);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + options + "\" is not netem options (e.g. \"delay 50ms 10ms loss 30%\"): "
                    + e.getMessage(), e);
        }
    }

    @ParameterType("no|one|an?|exactly \\d+|at least \\d+|at most \\d+|\\d+")
    public Count count(String text) {
        return Count.parse(text);
    }

    @ParameterType("handshake initiations?|handshake responses?|cookie repl(?:y|ies)|keepalives?|data messages?|transport messages?|datagrams?")
    public MessageKind message(String text) {
        return MessageKind.parse(text);
    }

    /** A drop reason of the core, as named in DropReason: REPLAYED, BAD_MAC1, ... */
    @ParameterType("[A-Z][A-Z0-9_]+")
    public DropReason reason(String text) {
        try {
            return DropReason.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a drop reason; known: " + Arrays.toString(DropReason.values()), e);
        }
    }

    /** A message counter: a number, or REKEY_AFTER_MESSAGES or REJECT_AFTER_MESSAGES optionally minus or plus one. */
    @ParameterType("\\d+|(?:REKEY_AFTER_MESSAGES|REJECT_AFTER_MESSAGES)(?: [-+] \\d+)?")
    public Long counter(String text) {
        if (text.matches("\\d+")) {
            return Long.parseLong(text);
        }
        String[] parts = text.split(" ");
        long base = parts[0].equals("REKEY_AFTER_MESSAGES") ? Protocol.REKEY_AFTER_MESSAGES : Protocol.REJECT_AFTER_MESSAGES;
        if (parts.length == 1) {
            return base;
        }
        long offset = Long.parseLong(parts[2]);
        return parts[1].equals("-") ? base - offset : base + offset;
    }
}
