package io.wgsim.docker;

import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The lab's peer image, built locally with no registry: {@code FROM scratch} plus the host's (Debian's)
 * wireguard-go, wg, iputils' ping, bash and a static busybox, and the shared libraries {@code ldd} says they need. The tag is
 * the hash of everything the image is built from ({@code wgsim/wireguard-go:HASH}), so an image already
 * there is reused, and a changed binary makes a new one. For machines that reach a registry,
 * src/main/docker/wireguard-go/Dockerfile builds an equivalent image from debian:bookworm-slim
 * (docs/lab.md).
 */
public final class PeerImage {
    public static final String REPOSITORY = "wgsim/wireguard-go";
    /**
     * Where the host's programs are; busybox comes from Debian's busybox-static. ping is iputils' because
     * it uses ICMP datagram sockets: busybox ping needs raw sockets (CAP_NET_RAW), and the containers get
     * NET_ADMIN only. bash is the UDP sender ({@code /dev/udp}): Debian's busybox nc has no UDP.
     */
    public static final List<Path> PROGRAMS = List.of(Path.of("/usr/bin/wireguard-go"), Path.of("/usr/bin/wg"),
            Path.of("/bin/busybox"), Path.of("/usr/bin/ping"), Path.of("/bin/bash"));
    /** The busybox applets the lab and a person debugging a container use. */
    static final List<String> APPLETS = List.of("sh", "ip", "sleep", "cat", "ls", "ps",
            "kill", "echo", "ifconfig", "route", "netstat");

    static final String DOCKERFILE = """
            # Written by io.wgsim.docker.PeerImage: the host's wireguard-go, wg, ping, bash and static
            # busybox with the libraries they need, and nothing else.
            FROM scratch
            COPY rootfs/ /
            ENV PATH=/bin:/usr/bin WG_I_PREFER_BUGGY_USERSPACE_TO_POLISHED_KMOD=1
            CMD ["/bin/sleep", "infinity"]
            """;

    private static final Pattern LDD_LINE = Pattern.compile("^\\s*(?:\\S+\\s+=>\\s+)?(/\\S+)\\s+\\(0x[0-9a-f]+\\)\\s*$");

    /** Engine host to the tag built or found there by this JVM: the files are read and hashed once. */
    private static final Map<String, String> ENSURED = new java.util.concurrent.ConcurrentHashMap<>();

    private PeerImage() {}

    /**
     * {@link #ensure}, once per JVM and engine: later calls only check that the image is still there
     * (someone may have removed it) and build it again if not.
     */
    static String ensureOncePerJvm(DockerEngine engine) {
        String tag = ENSURED.get(engine.host());
        if (tag != null) {
            try {
                engine.client().inspectImageCmd(tag).exec();
                return tag;
            } catch (NotFoundException e) {
                // removed meanwhile: build it again
            }
        }
        tag = ensure(engine);
        ENSURED.put(engine.host(), tag);
        return tag;
    }

    /** The image's tag for the host's files as they are now. */
    public static String tag() {
        return REPOSITORY + ":" + hash(context()).substring(0, 16);
    }

    /**
     * Returns the tag of the image for the host's files, building it unless the engine already has it.
     * Fails naming the package to install when a program is missing.
     */
    public static String ensure(DockerEngine engine) {
        Context context = context();
        String hash = hash(context);
        String tag = REPOSITORY + ":" + hash.substring(0, 16);
        try {
            engine.client().inspectImageCmd(tag).exec();
            return tag;
        } catch (NotFoundException e) {
            // build it below
        }
        byte[] tar = tar(context);
        try (InputStream in = new ByteArrayInputStream(tar)) {
            engine.client().buildImageCmd()
                    .withTarInputStream(in)
                    .withTags(Set.of(tag))
                    .withLabels(Map.of(Labels.IMAGE_CONTENT, hash))
                    .withPull(false)
                    .withRemove(true)
                    .exec(new BuildImageResultCallback())
                    .awaitImageId(2, TimeUnit.MINUTES);
        } catch (DockerException | IOException e) {
            throw new LabException("cannot build the peer image " + tag + ": " + e.getMessage(), e);
        }
        return tag;
    }

    /** Path in the image to what goes there: file content, or a symlink target (prefixed "->"). */
    record Context(TreeMap<String, byte[]> files, TreeMap<String, String> links, List<String> dirs) {}

    static Context context() {
        TreeMap<String, byte[]> files = new TreeMap<>();
        for (Path program : PROGRAMS) {
            if (!Files.isRegularFile(program)) {
                throw new LabException("no " + program + " on this host to build the peer image from; run"
                        + " scripts/install-deps (Debian packages wireguard-go, wireguard-tools, busybox-static, iputils-ping)");
            }
            files.put(program.toString(), read(program));
            for (Path library : libraries(program)) {
                files.put(library.toString(), read(library));
            }
        }
        TreeMap<String, String> links = new TreeMap<>();
        for (String applet : APPLETS) {
            links.put("/bin/" + applet, "busybox");
        }
        return new Context(files, links, List.of("/tmp", "/run", "/var/run/wireguard", "/etc"));
    }

    /** The shared libraries {@code ldd} lists for a program (none for a static one). */
    static List<Path> libraries(Path program) {
        List<Path> out = new ArrayList<>();
        try {
            Process p = new ProcessBuilder("ldd", program.toString()).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new LabException("ldd " + program + " did not finish in 30 s");
            }
            if (p.exitValue() != 0) {
                if (text.contains("not a dynamic executable") || text.contains("statically linked")) {
                    return out;
                }
                throw new LabException("ldd " + program + " failed: " + text.strip());
            }
            for (String line : text.split("\n")) {
                Matcher m = LDD_LINE.matcher(line);
                if (m.matches()) {
                    out.add(Path.of(m.group(1)));
                } else if (line.contains("not found")) {
                    throw new LabException("ldd " + program + ": a library is missing: " + line.strip());
                }
            }
        } catch (IOException e) {
            throw new LabException("cannot run ldd on " + program + " (install libc-bin): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted running ldd " + program, e);
        }
        return out;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file); // follows symlinks: the image gets the library itself
        } catch (IOException e) {
            throw new LabException("cannot read " + file + " for the peer image: " + e.getMessage(), e);
        }
    }

    static String hash(Context context) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(DOCKERFILE.getBytes(StandardCharsets.UTF_8));
            context.files().forEach((path, bytes) -> {
                sha.update(("\0file\0" + path + "\0" + bytes.length + "\0").getBytes(StandardCharsets.UTF_8));
                sha.update(bytes);
            });
            context.links().forEach((path, target) ->
                    sha.update(("\0link\0" + path + "\0" + target).getBytes(StandardCharsets.UTF_8)));
            context.dirs().forEach(dir -> sha.update(("\0dir\0" + dir).getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The build context: the Dockerfile and rootfs/ with the files, links and directories. */
    static byte[] tar(Context context) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            put(tar, "Dockerfile", DOCKERFILE.getBytes(StandardCharsets.UTF_8), 0644);
            for (String dir : context.dirs()) {
                TarArchiveEntry entry = new TarArchiveEntry("rootfs" + dir + "/");
                entry.setMode(dir.equals("/tmp") ? 01777 : 0755);
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            }
            for (Map.Entry<String, byte[]> file : context.files().entrySet()) {
                put(tar, "rootfs" + file.getKey(), file.getValue(), 0755);
            }
            for (Map.Entry<String, String> link : context.links().entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry("rootfs" + link.getKey(), TarArchiveEntry.LF_SYMLINK);
                entry.setLinkName(link.getValue());
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            }
            tar.finish();
        } catch (IOException e) {
            throw new LabException("cannot write the peer image's build context: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    static void put(TarArchiveOutputStream tar, String name, byte[] content, int mode) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(mode);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
