package io.wgsim.sim.run;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.wgsim.capture.LinkType;
import io.wgsim.capture.OuterPacket;
import io.wgsim.capture.PcapngWriter;
import io.wgsim.protocol.DeviceEvent;
import io.wgsim.sim.link.LinkDropReason;
import io.wgsim.sim.world.Host;
import io.wgsim.sim.world.Trace;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes what a simulation run observes: one pcapng per host access link (with the host's WireGuard
 * key-log lines in Decryption Secrets Blocks, so Wireshark decrypts with no settings), keylog.txt
 * (mode 0600) and events.jsonl, one typed event per line with its virtual time. Contains no wall-clock
 * value, so the same run writes the same bytes.
 */
public final class RunRecorder implements Trace, Closeable {
    private final Path directory;
    private final Path reportDirectory;
    private final boolean capture;
    private final long epochNanos;
    private final JsonGenerator events;
    private final Writer keylog;
    private final Map<Host, Capture> captures = new HashMap<>();
    private final EventCounts counts = new EventCounts();
    private final Map<String, NodeStats> nodes = new HashMap<>();
    private long lines;

    /** One host's capture file; its static key goes in first so received initiations decrypt. */
    private record Capture(PcapngWriter writer, int interfaceId) {}

    /** Captures and keylog.txt go to {@code directory}, events.jsonl to {@code reportDirectory}. */
    public RunRecorder(Path directory, Path reportDirectory, boolean capture, long epochNanos) throws IOException {
        this.directory = directory;
        this.reportDirectory = reportDirectory;
        this.capture = capture;
        this.epochNanos = epochNanos;
        Files.createDirectories(directory);
        Files.createDirectories(reportDirectory);
        this.events = new JsonFactory().createGenerator(Files.newBufferedWriter(reportDirectory.resolve("events.jsonl"), StandardCharsets.UTF_8));
        this.events.setRootValueSeparator(null);
        this.keylog = openSecret(directory.resolve("keylog.txt"));
    }

    private static Writer openSecret(Path file) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII, StandardOpenOption.APPEND));
    }

    public EventCounts counts() {
        return counts;
    }

    /** The statistics of a node (empty ones for a node that reported nothing). */
    public NodeStats node(String name) {
        return nodes.getOrDefault(name, new NodeStats());
    }

    public long eventLines() {
        return lines;
    }

    // ---- Trace ----

    @Override public void packet(long at, Host host, boolean uplink, InetSocketAddress source, InetSocketAddress destination, byte[] payload) {
        if (!capture) {
            return;
        }
        try {
            Capture c = captureOf(host);
            c.writer().writePacket(c.interfaceId(), epochNanos + at, OuterPacket.udp(source, destination, payload));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override public void device(Host host, DeviceEvent event) {
        if (event instanceof DeviceEvent.SessionSecrets secrets) {
            writeSecrets(host, secrets.lines());
            return; // secrets never go to the event log
        }
        counts.count(host.name(), event);
        nodes.computeIfAbsent(host.name(), n -> new NodeStats()).count(event);
        write(event.at(), host.name(), EventJson.name(event), g -> EventJson.fields(g, event));
    }

    @Override public void linkDrop(long at, Host host, boolean uplink, LinkDropReason reason) {
        counts.linkDrop(reason);
        write(at, host.name(), "link_drop", g -> {
            g.writeStringField("direction", uplink ? "up" : "down");
            g.writeStringField("reason", reason.name());
        });
    }

    @Override public void routeDrop(long at, String where, RouteDropReason reason, InetSocketAddress source, InetSocketAddress destination) {
        counts.routeDrop(reason);
        write(at, where, "route_drop", g -> {
            g.writeStringField("reason", reason.name());
            g.writeStringField("from", EventJson.endpoint(source));
            g.writeStringField("to", EventJson.endpoint(destination));
        });
    }

    @Override public void action(long at, String subject, String action, List<String> details) {
        write(at, subject, action, g -> {
            g.writeArrayFieldStart("details");
            for (String d : details) {
                g.writeString(d);
            }
            g.writeEndArray();
        });
    }

    // ---- writing ----

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private void write(long at, String node, String type, Body body) {
        try {
            events.writeStartObject();
            events.writeNumberField("atNanos", at);
            events.writeStringField("node", node);
            events.writeStringField("event", type);
            body.write(events);
            events.writeEndObject();
            events.writeRaw('\n');
            lines++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeSecrets(Host host, List<String> secretLines) {
        try {
            for (String line : secretLines) {
                keylog.write(line);
                keylog.write('\n');
            }
            if (capture) {
                captureOf(host).writer().writeWireGuardKeyLog(secretLines);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Capture captureOf(Host host) throws IOException {
        Capture c = captures.get(host);
        if (c == null) {
            PcapngWriter w = PcapngWriter.create(directory.resolve(host.name() + ".pcapng"));
            int id = w.addInterface(LinkType.RAW, host.name() + "-link");
            c = new Capture(w, id);
            captures.put(host, c);
        }
        return c;
    }

    /** Writes a host's static private key into its capture up front, so initiations it receives decrypt. */
    public void announceStaticKey(Host host, String privateKeyLine) {
        if (!capture) {
            return;
        }
        try {
            captureOf(host).writer().writeWireGuardKeyLog(List.of(privateKeyLine));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override public void close() throws IOException {
        IOException first = null;
        try {
            events.close();
        } catch (IOException e) {
            first = e;
        }
        try {
            keylog.close();
        } catch (IOException e) {
            first = first == null ? e : first;
        }
        // Close captures in a fixed order (by host name) so a failure report is reproducible.
        List<Map.Entry<Host, Capture>> all = new java.util.ArrayList<>(captures.entrySet());
        all.sort(java.util.Comparator.comparing(e -> e.getKey().name()));
        for (Map.Entry<Host, Capture> e : all) {
            try {
                e.getValue().writer().close();
            } catch (IOException ex) {
                first = first == null ? ex : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
