package io.wgsim.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.StreamType;
import io.wgsim.config.InterfaceConfig;
import io.wgsim.config.WgDump;
import io.wgsim.config.WgQuickConfig;
import io.wgsim.config.WgQuickWriter;
import io.wgsim.net.Cidr;
import io.wgsim.net.IpAddresses;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * One container running a WireGuard implementation (the {@link SystemUnderTest}) on one lab network.
 * It has NET_ADMIN and /dev/net/tun and no other capability or device, and the lab's labels. Its
 * interface is set up from a wg-quick config as wg-quick would: the implementation's own command brings
 * it up, {@code wg setconf} takes the keys and peers, {@code ip} the addresses, MTU and routes.
 *
 * <p>Methods block until done and throw {@link LabException} naming the container and command.
 */
public final class WireGuardContainer {
    static final Duration EXEC_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration UP_TIMEOUT = Duration.ofSeconds(10);
    private static final String CONF_DIR = "/tmp";

    private final DockerEngine engine;
    private final SystemUnderTest sut;
    private final String name;
    private final String id;
    private LabNetwork network;
    private WgQuickConfig config;
    private String iface;

    private WireGuardContainer(DockerEngine engine, SystemUnderTest sut, String name, String id, LabNetwork network) {
        this.engine = engine;
        this.sut = sut;
        this.name = name;
        this.id = id;
        this.network = network;
    }

    /**
     * Creates and starts {@code wgsim-RUN-shortName} on {@code network}, idle until configured. The image is
     * the system under test's, or the lab's own ({@link PeerImage#ensure}, built once per engine).
     */
    public static WireGuardContainer run(DockerEngine engine, SystemUnderTest sut, String shortName,
                                           LabNetwork network) {
        String image = sut.image() != null ? sut.image() : engine.peerImage();
        String name = "wgsim-" + engine.runId() + "-" + shortName;
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode(network.name())
                .withCapDrop(Capability.ALL)
                .withCapAdd(Capability.NET_ADMIN)
                .withDevices(new Device("rwm", "/dev/net/tun", "/dev/net/tun"))
                // Tunnel addresses may be IPv6 although the outer networks are IPv4 only.
                // ping(8) uses ICMP datagram sockets, which this range allows without CAP_NET_RAW.
                .withSysctls(Map.of("net.ipv6.conf.all.disable_ipv6", "0",
                        "net.ipv6.conf.default.disable_ipv6", "0",
                        "net.ipv4.ping_group_range", "0 2147483647"));
        CreateContainerResponse created;
        try {
            created = engine.client().createContainerCmd(image)
                    .withName(name)
                    .withHostName(shortName)
                    .withLabels(engine.labels())
                    .withEnv(sut.envList())
                    .withCmd("sleep", "86400")
                    .withHostConfig(host)
                    .exec();
        } catch (DockerException e) {
            throw new LabException("cannot create container " + name + " from " + image + ": " + e.getMessage(), e);
        }
        engine.createdContainer(created.getId(), name);
        WireGuardContainer container = new WireGuardContainer(engine, sut, name, created.getId(), network);
        container.startContainer();
        return container;
    }

    public String name() {
        return name;
    }

    public String id() {
        return id;
    }

    /** The network the container is on now. */
    public LabNetwork network() {
        return network;
    }

    /** Its address on its network, as Docker assigned it. */
    public InetAddress outerAddress() {
        InspectContainerResponse inspect = engine.client().inspectContainerCmd(id).exec();
        ContainerNetwork on = inspect.getNetworkSettings().getNetworks().get(network.name());
        if (on == null || on.getIpAddress() == null || on.getIpAddress().isEmpty()) {
            throw new LabException(name + " has no address on " + network.name() + " (is it running?)");
        }
        return IpAddresses.parse(on.getIpAddress());
    }

    /**
     * Brings up {@code iface} and configures it from {@code config}: keys, listen port and peers through
     * setconf; Address lines, MTU and a route per AllowedIPs entry through ip. Remembered, so
     * {@link #start()} after {@link #stop()} configures the interface again.
     */
    public void configure(String iface, WgQuickConfig config) {
        if (!iface.matches("[a-zA-Z0-9_]{1,15}")) {
            throw new IllegalArgumentException("interface name '" + iface + "' must be 1-15 of a-z, A-Z, 0-9, _");
        }
        this.iface = iface;
        this.config = config;
        bringUp();
    }

    private void bringUp() {
        exec(SystemUnderTest.fill(sut.up(), iface, null, null)).orThrow();
        Poll.until("interface " + iface + " in " + name, UP_TIMEOUT, Duration.ofMillis(50),
                () -> exec(List.of("ip", "link", "show", iface)), ExecResult::ok);
        String conf = CONF_DIR + "/" + iface + ".conf";
        copyFile(conf, setconfText(config).getBytes(StandardCharsets.US_ASCII));
        exec(SystemUnderTest.fill(sut.setconf(), iface, conf, null)).orThrow();
        exec(List.of("rm", "-f", conf));
        InterfaceConfig i = config.iface();
        for (Cidr address : i.addresses()) {
            exec(List.of("ip", address.isIpv4() ? "-4" : "-6", "address", "add", address.toString(), "dev", iface))
                    .orThrow();
        }
        if (i.mtu() != null) {
            exec(List.of("ip", "link", "set", "dev", iface, "mtu", i.mtu().toString())).orThrow();
        }
        exec(List.of("ip", "link", "set", "dev", iface, "up")).orThrow();
        Set<Cidr> routes = new LinkedHashSet<>();
        config.peers().forEach(p -> p.allowedIps().forEach(c -> routes.add(c.network())));
        for (Cidr route : routes) {
            exec(List.of("ip", route.isIpv4() ? "-4" : "-6", "route", "replace", route.toString(), "dev", iface))
                    .orThrow();
        }
        routeLab();
    }

    /** What wg setconf reads: the config without wg-quick's own keys (Address, MTU). */
    static String setconfText(WgQuickConfig config) {
        InterfaceConfig i = config.iface();
        return WgQuickWriter.write(new WgQuickConfig(
                new InterfaceConfig(i.privateKey(), i.listenPort(), List.of(), null), config.peers()));
    }

    /** Internal networks give no default route: send the whole lab range to this network's gateway (the host). */
    private void routeLab() {
        exec(List.of("ip", "-4", "route", "replace", LabNetwork.LAB_RANGE.toString(), "via",
                IpAddresses.format(network.gateway()))).orThrow();
    }

    /** {@code wg show IF dump}, read. */
    public WgDump dump() {
        requireConfigured();
        ExecResult r = exec(SystemUnderTest.fill(sut.dump(), iface, null, null)).orThrow();
        try {
            return WgDump.parse(r.stdout());
        } catch (IllegalArgumentException e) {
            throw new LabException("cannot read the dump of " + iface + " in " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Pings {@code target} {@code count} times, {@code interval} apart, waiting up to {@code wait} for the
     * last replies; returns the summary (a lossy run is a result, not an error).
     */
    public PingResult ping(InetAddress target, int count, Duration interval, Duration wait) {
        List<String> command = List.of("ping", "-c", Integer.toString(count),
                "-i", String.format(Locale.ROOT, "%.3f", interval.toNanos() / 1e9),
                "-W", Long.toString(Math.max(1, wait.toSeconds())), "-q", IpAddresses.format(target));
        return PingResult.parse(exec(command));
    }

    /**
     * Sends {@code count} UDP datagrams, each the bytes of {@code text}, to {@code target:port}, from the
     * container's own tunnel or outer address as routing chooses (bash's {@code /dev/udp}).
     */
    public ExecResult sendUdp(InetAddress target, int port, String text, int count) {
        if (!text.matches("[A-Za-z0-9 ._-]{1,1000}")) {
            throw new IllegalArgumentException("UDP text must be 1-1000 letters, digits, spaces, '.', '_' or '-'");
        }
        if (port < 1 || port > 65535 || count < 1) {
            throw new IllegalArgumentException("port " + port + " or count " + count + " is out of range");
        }
        String script = "for ((i = 0; i < " + count + "; i++)); do printf '%s' '" + text + "' > /dev/udp/"
                + IpAddresses.format(target) + "/" + port + " || exit 1; done";
        return exec(List.of("bash", "-c", script)).orThrow();
    }

    /**
     * Moves the container to {@code to}: its outer address changes; the interface and sessions stay.
     * Docker replaces the container's network interface, and wireguard-go 0.0.20220316 (Debian 12) was
     * seen to send nothing more from the new one until its socket was rebound (a listen-port change, see
     * {@link #setListenPort}); docs/lab.md says more.
     */
    public InetAddress moveTo(LabNetwork to) {
        try {
            engine.client().disconnectFromNetworkCmd().withNetworkId(network.id()).withContainerId(id)
                    .withForce(true).exec();
            engine.client().connectToNetworkCmd().withNetworkId(to.id()).withContainerId(id).exec();
        } catch (DockerException e) {
            throw new LabException("cannot move " + name + " from " + network.name() + " to " + to.name() + ": "
                    + e.getMessage(), e);
        }
        network = to;
        if (config != null) {
            routeLab();
        }
        return outerAddress();
    }

    /** Changes the interface's listen port ({@code wg set IF listen-port PORT}). */
    public void setListenPort(int port) {
        requireConfigured();
        exec(SystemUnderTest.fill(sut.setPort(), iface, null, port)).orThrow();
    }

    /** Stops the container; its interface and the daemon behind it are gone. */
    public void stop() {
        try {
            engine.client().stopContainerCmd(id).withTimeout(1).exec();
        } catch (DockerException e) {
            throw new LabException("cannot stop " + name + ": " + e.getMessage(), e);
        }
    }

    /** Starts the container again and, if it was configured, configures the interface as before. */
    public void start() {
        startContainer();
        if (config != null) {
            bringUp();
        }
    }

    private void startContainer() {
        try {
            engine.client().startContainerCmd(id).exec();
        } catch (DockerException e) {
            throw new LabException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Removes the container now (the engine would at its close). */
    public void remove() {
        engine.removeContainer(id);
    }

    private void requireConfigured() {
        if (iface == null) {
            throw new IllegalStateException(name + " has no interface yet: call configure first");
        }
    }

    /** Runs a command in the container and collects its output; fails only when it cannot be run. */
    public ExecResult exec(List<String> command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            String execId = engine.client().execCreateCmd(id).withCmd(command.toArray(String[]::new))
                    .withAttachStdout(true).withAttachStderr(true).exec().getId();
            boolean finished = engine.client().execStartCmd(execId).exec(new ResultCallback.Adapter<Frame>() {
                @Override public void onNext(Frame frame) {
                    (frame.getStreamType() == StreamType.STDERR ? err : out).writeBytes(frame.getPayload());
                }
            }).awaitCompletion(EXEC_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (!finished) {
                throw new LabException("in " + name + ": '" + String.join(" ", command) + "' did not finish in "
                        + EXEC_TIMEOUT.toSeconds() + " s");
            }
            Long code = engine.client().inspectExecCmd(execId).exec().getExitCodeLong();
            return new ExecResult(name, command, code == null ? -1 : code.intValue(),
                    out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (DockerException e) {
            throw new LabException("in " + name + ": cannot run '" + String.join(" ", command) + "': "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted running '" + String.join(" ", command) + "' in " + name, e);
        }
    }

    public ExecResult exec(String... command) {
        return exec(List.of(command));
    }

    /** Puts a file in the container with mode 0600 (it may hold a private key). */
    public void copyFile(String path, byte[] content) {
        int slash = path.lastIndexOf('/');
        String dir = path.substring(0, slash);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            PeerImage.put(tar, path.substring(slash + 1), content, 0600);
            tar.finish();
        } catch (IOException e) {
            throw new LabException("cannot pack " + path + " for " + name + ": " + e.getMessage(), e);
        }
        try (InputStream in = new ByteArrayInputStream(bytes.toByteArray())) {
            engine.client().copyArchiveToContainerCmd(id).withRemotePath(dir.isEmpty() ? "/" : dir)
                    .withTarInputStream(in).exec();
        } catch (DockerException | IOException e) {
            throw new LabException("cannot copy " + path + " into " + name + ": " + e.getMessage(), e);
        }
    }

    @Override public String toString() {
        return name + " on " + network.name();
    }

}
