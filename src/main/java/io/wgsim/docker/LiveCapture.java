package io.wgsim.docker;

import io.wgsim.capture.PcapngWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;

/**
 * A live capture of the UDP traffic on a lab network's bridge (or, filtered, on the host's loopback), written as pcapng (mode 0600, since it
 * holds keys) with the wgsim peer's key log in Decryption Secrets Blocks, so Wireshark decrypts its
 * sessions with no settings. The key log is the file a {@code RealPeer} appends to: before each packet
 * is written, lines added to it since are written as a secrets block, and a peer writes its secrets
 * before it sends the datagram they are for, so the secrets precede the packets that need them.
 * {@code staticLines} go first, for sessions whose first packet comes from the other side (a
 * responder's secrets are only known once the initiation has arrived).
 *
 * <p>One thread reads from libpcap (through pcap4j) until {@link #close()}.
 */
public final class LiveCapture implements AutoCloseable {
    private static final int SNAP_LENGTH = 65535;
    private static final int READ_TIMEOUT_MILLIS = 50;

    private final Path file;
    private final PcapHandle handle;
    private final PcapngWriter writer;
    private final int interfaceId;
    private final Path keyLog;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private long keyLogOffset;
    /** The key log, open from the first time it exists until the capture stops; only the capture thread uses it. */
    private RandomAccessFile keyLogFile;
    private volatile boolean stopRequested;
    private volatile Exception failure;

    private LiveCapture(Path file, PcapHandle handle, PcapngWriter writer, int interfaceId, Path keyLog, String bridge) {
        this.file = file;
        this.handle = handle;
        this.writer = writer;
        this.interfaceId = interfaceId;
        this.keyLog = keyLog;
        this.thread = new Thread(this::loop, "capture " + bridge);
        this.thread.setDaemon(true);
    }

    /**
     * Starts capturing UDP on {@code network}'s bridge into {@code file} (its directory is created).
     *
     * @param keyLog the key log to follow, or null
     * @param staticLines key-log lines to write before any packet (e.g. LOCAL_STATIC_PRIVATE_KEY), or empty
     */
    public static LiveCapture start(LabNetwork network, Path file, Path keyLog, List<String> staticLines) {
        return start(network.bridge(), "udp", "bridge " + network.bridge() + " of " + network.name(), file, keyLog,
                staticLines);
    }

    /**
     * Starts capturing what the BPF {@code filter} lets through on {@code device} (e.g. "lo") into
     * {@code file}, as {@link #start(LabNetwork, Path, Path, List)} does for a bridge. {@code what}
     * names the capture in errors.
     */
    public static LiveCapture start(String device, String filter, String what, Path file, Path keyLog,
            List<String> staticLines) {
        PcapHandle handle;
        try {
            handle = new PcapHandle.Builder(device)
                    .snaplen(SNAP_LENGTH)
                    .promiscuousMode(PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS)
                    .timeoutMillis(READ_TIMEOUT_MILLIS)
                    .timestampPrecision(PcapHandle.TimestampPrecision.NANO)
                    .immediateMode(true)
                    .build();
            handle.setFilter(filter, BpfProgram.BpfCompileMode.OPTIMIZE);
        } catch (PcapNativeException | NotOpenException | RuntimeException e) {
            throw new LabException("cannot capture on " + what + " (libpcap0.8 installed? root?): " + e.getMessage(), e);
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            PcapngWriter writer = PcapngWriter.create(file);
            int id = writer.addInterface(handle.getDlt().value(), device);
            if (!staticLines.isEmpty()) {
                writer.writeWireGuardKeyLog(staticLines);
            }
            LiveCapture capture = new LiveCapture(file, handle, writer, id, keyLog, device);
            capture.thread.start();
            return capture;
        } catch (IOException | RuntimeException e) {
            handle.close();
            throw new LabException("cannot write capture " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    private void loop() {
        try {
            while (!stopRequested) {
                byte[] packet = handle.getNextRawPacket();
                if (packet == null) {
                    continue; // the read timed out: look at the stop flag
                }
                Timestamp at = handle.getTimestamp();
                long nanos = TimeUnit.MILLISECONDS.toNanos(at.getTime() / 1000 * 1000) + at.getNanos();
                followKeyLog();
                writer.writePacket(interfaceId, nanos, packet);
            }
            followKeyLog();
        } catch (IOException | NotOpenException | RuntimeException e) {
            failure = e;
        } finally {
            handle.close();
            closeKeyLog();
            stopped.countDown();
        }
    }

    /**
     * Writes the whole lines appended to the key log since the last look. Runs before every packet
     * (thousands a second in a flood), so the file stays open once it exists and an unchanged length
     * costs one size query.
     */
    private void followKeyLog() throws IOException {
        if (keyLogFile == null) {
            if (keyLog == null || !Files.exists(keyLog)) {
                return;
            }
            keyLogFile = new RandomAccessFile(keyLog.toFile(), "r");
        }
        RandomAccessFile in = keyLogFile;
        long length = in.length();
        if (length <= keyLogOffset) {
            return;
        }
        byte[] bytes = new byte[(int) (length - keyLogOffset)];
        in.seek(keyLogOffset);
        in.readFully(bytes);
        int end = lastNewline(bytes);
        if (end < 0) {
            return; // a line still being written: take it next time
        }
        keyLogOffset += end + 1;
        List<String> lines = new ArrayList<>();
        for (String line : new String(bytes, 0, end, StandardCharsets.US_ASCII).split("\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        if (!lines.isEmpty()) {
            writer.writeWireGuardKeyLog(lines);
        }
    }

    private void closeKeyLog() {
        if (keyLogFile != null) {
            try {
                keyLogFile.close();
            } catch (IOException e) {
                // only read from: nothing is lost
            }
        }
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Pushes what was written so far to the file, so that a reader sees every packet captured until now. */
    public void flush() {
        try {
            writer.flush();
        } catch (IOException e) {
            throw new LabException("cannot flush capture " + file + ": " + e.getMessage(), e);
        }
    }

    /** Stops capturing, writes the key-log lines still unwritten and closes the file. */
    @Override
    public void close() {
        stopRequested = true;
        try {
            if (!stopped.await(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS)) {
                handle.breakLoop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (NotOpenException e) {
            // closed already
        }
        try {
            writer.close();
        } catch (IOException e) {
            throw new LabException("cannot finish capture " + file + ": " + e.getMessage(), e);
        }
        if (failure != null) {
            throw new LabException("capture " + file + " failed: " + failure.getMessage(), failure);
        }
    }
}
