package io.wgsim.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs tshark (Wireshark's command-line dissector) on captures, for tests that check what Wireshark
 * makes of them: decryption with the embedded key log, checksums, message types.
 *
 * <p>tshark is a required test dependency ({@code scripts/install-deps} installs it). When it is not
 * found the calling test FAILS with a message saying so, it is not skipped, unless the run asks for
 * the tshark checks to be skipped explicitly with {@code -Dwgsim.tshark=skip}. {@code
 * -Dwgsim.tshark=/path/to/tshark} uses that executable instead of the one on the PATH.
 *
 * <p>Every run gets an empty personal configuration folder ({@code WIRESHARK_CONFIG_DIR}), so the
 * preferences of whoever runs the tests (a key-log file, say) cannot change the outcome: what a test
 * sees is what a fresh Wireshark sees, plus the {@code -o} options the test passes itself.
 */
public final class Tshark {
    /** System property: unset or "run" to use tshark from the PATH, "skip" to skip, or a path to tshark. */
    public static final String PROPERTY = "wgsim.tshark";

    private static final long TIMEOUT_SECONDS = 120;

    private Tshark() {}

    /** What one tshark run printed. */
    public record Result(List<String> command, int exitCode, List<String> stdout, String stderr) {
        @Override public String toString() {
            return String.join(" ", command) + " -> exit " + exitCode + "\nstderr: " + stderr;
        }
    }

    /**
     * The tshark executable to use. Fails the calling test if there is none, or skips it when
     * {@code -Dwgsim.tshark=skip} was given.
     */
    public static Path require() {
        return require(System.getProperty(PROPERTY), System.getenv("PATH"));
    }

    /** {@link #require()} with the property and PATH given, so the rule itself can be tested. */
    static Path require(String setting, String searchPath) {
        String mode = setting == null || setting.isBlank() ? "run" : setting.strip();
        if (mode.equals("skip")) {
            Assumptions.abort("tshark checks skipped on request (-D" + PROPERTY + "=skip)");
        }
        if (!mode.equals("run")) {
            Path given = Path.of(mode);
            if (!Files.isRegularFile(given) || !Files.isExecutable(given)) {
                Assertions.fail("-D" + PROPERTY + "=" + mode + " is not an executable file");
            }
            return given;
        }
        if (searchPath != null) {
            for (String dir : searchPath.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, "tshark");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return Assertions.fail("tshark is not installed (not found on the PATH: " + searchPath + "). "
                + "Run scripts/install-deps to install it, or pass -D" + PROPERTY
                + "=skip to skip the tshark checks explicitly.");
    }

    /**
     * Runs tshark with these arguments and an empty configuration folder. Fails the calling test if
     * tshark cannot be run, times out or exits with a non-zero code (its stderr is in the message).
     */
    public static Result run(List<String> arguments) {
        Path tshark = require();
        List<String> command = new ArrayList<>();
        command.add(tshark.toString());
        command.addAll(arguments);
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("wgsim-tshark");
            Path config = Files.createDirectory(scratch.resolve("config"));
            Path out = scratch.resolve("stdout");
            Path err = scratch.resolve("stderr");
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            pb.environment().put("WIRESHARK_CONFIG_DIR", config.toString());
            Process process = pb.start();
            process.getOutputStream().close(); // nothing on stdin
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Assertions.fail("tshark did not finish within " + TIMEOUT_SECONDS + " s: " + command);
            }
            Result result = new Result(List.copyOf(command), process.exitValue(),
                    Files.readAllLines(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8).strip());
            if (result.exitCode() != 0) {
                Assertions.fail("tshark failed: " + result);
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Assertions.fail("interrupted while running " + command);
        } finally {
            deleteQuietly(scratch);
        }
    }

    /** {@link #run(List)} with arguments given inline. */
    public static Result run(String... arguments) {
        return run(Arrays.asList(arguments));
    }

    /**
     * The values of some fields, one map per packet that passes the display filter, in packet order:
     * {@code tshark -r CAPTURE [OPTIONS] -Y FILTER -T fields -e F1 -e F2 ...}. A field that occurs several
     * times in a packet (an outer and an inner {@code ip.src}) has its values joined with ","; a field
     * absent from a packet maps to "".
     *
     * @param options more tshark arguments, e.g. {@code List.of("-o", "udp.check_checksum:TRUE")}
     * @param filter a display filter, or null for every packet
     */
    public static List<Map<String, String>> fields(Path capture, List<String> options, String filter, String... fields) {
        List<String> args = new ArrayList<>(List.of("-r", capture.toString()));
        args.addAll(options);
        if (filter != null) {
            args.addAll(List.of("-Y", filter));
        }
        args.addAll(List.of("-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=,"));
        for (String f : fields) {
            args.addAll(List.of("-e", f));
        }
        Result result = run(args);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : result.stdout()) {
            String[] values = line.split("\t", -1);
            if (values.length != fields.length) {
                Assertions.fail("tshark printed " + values.length + " fields where " + fields.length + " were asked for: '"
                        + line + "' from " + result);
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < fields.length; i++) {
                row.put(fields[i], values[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    /** {@link #fields(Path, List, String, String...)} with no extra options. */
    public static List<Map<String, String>> fields(Path capture, String filter, String... fields) {
        return fields(capture, List.of(), filter, fields);
    }

    /** The frame numbers of the packets that pass a display filter; empty when none does. */
    public static List<Integer> frames(Path capture, List<String> options, String filter) {
        return fields(capture, options, filter, "frame.number").stream()
                .map(row -> Integer.parseInt(row.get("frame.number"))).toList();
    }

    /**
     * What tshark made of one WireGuard message.
     *
     * @param frame its frame number, from 1
     * @param type the message type (1 initiation, 2 response, 3 cookie reply, 4 transport)
     * @param handshakeOk tshark verified the handshake message with the keys it has ({@code wg.handshake_ok})
     * @param keepalive a transport message with no payload ({@code wg.keepalive})
     * @param decryptionError tshark had keys but the payload did not decrypt ({@code wg.decryption_error})
     * @param inner the protocols tshark found inside the message, from {@code frame.protocols}: e.g.
     *        "ip:icmp:data" for a decrypted ping, "" when nothing was decrypted
     */
    public record WgMessage(int frame, int type, boolean handshakeOk, boolean keepalive, boolean decryptionError,
            String inner) {
        /** Whether the payload decrypted to an IPv4 or IPv6 packet. */
        public boolean decryptedToIp() {
            return inner.equals("ip") || inner.startsWith("ip:") || inner.equals("ipv6") || inner.startsWith("ipv6:");
        }
    }

    /**
     * Every WireGuard message in a capture, as tshark dissects it with these options (none needed for a
     * capture that embeds its key log).
     */
    public static List<WgMessage> wireGuard(Path capture, List<String> options) {
        List<WgMessage> messages = new ArrayList<>();
        for (Map<String, String> row : fields(capture, options, "wg", "frame.number", "wg.type", "wg.handshake_ok",
                "wg.keepalive", "wg.decryption_error", "frame.protocols")) {
            String protocols = row.get("frame.protocols");
            int wg = (":" + protocols + ":").indexOf(":wg:");
            String inner = wg < 0 ? "" : protocols.substring(Math.min(protocols.length(), wg + 3));
            messages.add(new WgMessage(Integer.parseInt(row.get("frame.number")), Integer.parseInt(row.get("wg.type")),
                    row.get("wg.handshake_ok").equals("1"), !row.get("wg.keepalive").isEmpty(),
                    !row.get("wg.decryption_error").isEmpty(), inner));
        }
        return messages;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary folder is no reason to fail a test
        }
    }
}
