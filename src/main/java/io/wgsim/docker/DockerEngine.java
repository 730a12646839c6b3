package io.wgsim.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A connection to a Docker engine, and the owner of everything the lab creates on it. Each object made
 * through it carries the {@link Labels#LAB} label and this run's {@link #runId()}; {@link #close()}
 * removes them (containers before networks), and {@link #sweep()} removes whatever an interrupted run
 * left. The API version is left to negotiation with the engine.
 */
public final class DockerEngine implements AutoCloseable {
    private static final String HINT = "run scripts/docker-engine start (scripts/test does it), or point DOCKER_HOST"
            + " at a running engine; to skip the real-peer tests say -Dwgsim.real=skip";

    private final DockerClient client;
    private final String host;
    private final String apiVersion;
    private final String runId;
    /** Created objects, id to name, in creation order; removed in reverse. */
    private final Map<String, String> containers = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, String> networks = Collections.synchronizedMap(new LinkedHashMap<>());
    private int nextNetwork;
    private String peerImage;
    /** Removes this run's objects if the JVM exits (Ctrl-C, a failsafe timeout) before {@link #close()}. */
    private final Thread onExit = new Thread(this::removeAtExit, "lab cleanup at exit");
    private volatile boolean closed;
    /** Set when the JVM is exiting: tests may still be running, and nothing new may be created. */
    private volatile boolean exiting;

    private DockerEngine(DockerClient client, String host, String apiVersion, String runId) {
        this.client = client;
        this.host = host;
        this.apiVersion = apiVersion;
        this.runId = runId;
    }

    /** Connects to DOCKER_HOST, or the local socket, and checks that the engine answers. */
    public static DockerEngine connect() {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        String host = config.getDockerHost().toString();
        DockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(16)
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofMinutes(2))
                .build();
        DockerClient client = DockerClientImpl.getInstance(config, http);
        String version;
        try {
            client.pingCmd().exec();
            version = client.versionCmd().exec().getApiVersion();
        } catch (RuntimeException e) {
            closeQuietly(client);
            throw new LabException("no Docker engine answers at " + host + " (" + e.getMessage() + "); " + HINT, e);
        }
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        String runId = String.format("%08x", java.nio.ByteBuffer.wrap(random).getInt()).substring(0, 6);
        DockerEngine engine = new DockerEngine(client, host, version, runId);
        Runtime.getRuntime().addShutdownHook(engine.onExit);
        return engine;
    }

    /** Six hex digits naming this run; in every object's {@link Labels#RUN} label and in bridge names. */
    public String runId() {
        return runId;
    }

    /** Where the engine was reached, e.g. {@code unix:///var/run/docker.sock}. */
    public String host() {
        return host;
    }

    /** The lab's own wireguard-go image ({@link PeerImage}), built the first time it is asked for, if absent. */
    public synchronized String peerImage() {
        if (peerImage == null) {
            peerImage = PeerImage.ensureOncePerJvm(this);
        }
        return peerImage;
    }

    DockerClient client() {
        return client;
    }

    Map<String, String> labels() {
        return Labels.of(runId);
    }

    void created(LabNetwork network) {
        networks.put(network.id(), network.name());
        refuseWhenExiting();
    }

    void createdContainer(String id, String name) {
        containers.put(id, name);
        refuseWhenExiting();
    }

    private void refuseWhenExiting() {
        if (exiting) {
            throw new LabException("the JVM is exiting: the lab creates nothing more");
        }
    }

    /**
     * The shutdown hook: other threads may still be creating objects, so after saying no to new ones it
     * removes by this run's label, which also finds what was made after the list was read.
     */
    private void removeAtExit() {
        if (closed) {
            return;
        }
        exiting = true;
        String run = Labels.RUN + "=" + runId;
        for (int pass = 0; pass < 2; pass++) {
            try {
                for (Container c : client.listContainersCmd().withShowAll(true).withLabelFilter(List.of(run)).exec()) {
                    removeContainer(c.getId());
                }
                for (Network n : client.listNetworksCmd().withFilter("label", List.of(run)).exec()) {
                    removeNetwork(n.getId());
                }
            } catch (RuntimeException e) {
                System.err.println("lab: at exit, could not remove everything of run " + runId + " (the next run"
                        + " sweeps it): " + e.getMessage());
            }
        }
    }

    /** The next free lab subnet index (1..63: 198.18.N.0/24); see {@link LabNetwork#create}. */
    synchronized int takeNetworkIndex() {
        List<String> used = new ArrayList<>();
        for (Network n : client.listNetworksCmd().exec()) {
            if (n.getIpam() != null && n.getIpam().getConfig() != null) {
                n.getIpam().getConfig().forEach(c -> used.add(c.getSubnet()));
            }
        }
        List<String> hostAddresses = hostAddresses();
        for (int i = 0; i < 63; i++) {
            int index = 1 + (nextNetwork++ % 63);
            String prefix = "198.18." + index + ".";
            if (used.stream().noneMatch(s -> s != null && s.startsWith(prefix))
                    && hostAddresses.stream().noneMatch(a -> a.startsWith(prefix))) {
                return index;
            }
        }
        throw new LabException("no free /24 in 198.18.1.0 .. 198.18.63.0: every one is used by a Docker network or a"
                + " host address (a leftover lab? run the lab's sweep, or docker network ls)");
    }

    private static List<String> hostAddresses() {
        List<String> out = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    out.add(a.getHostAddress());
                }
            }
        } catch (SocketException e) {
            throw new LabException("cannot list the host's addresses: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Removes every container and network carrying the lab label, from any run (what an interrupted run
     * left behind). Returns what it removed, "container NAME" / "network NAME".
     */
    public List<String> sweep() {
        List<String> removed = new ArrayList<>();
        for (Container c : labelledContainers()) {
            removeContainer(c.getId());
            removed.add("container " + name(c));
        }
        for (Network n : labelledNetworks()) {
            removeNetwork(n.getId());
            removed.add("network " + n.getName());
        }
        return removed;
    }

    /** What carries the lab label now, "container NAME" / "network NAME"; empty when the lab left nothing. */
    public List<String> leftovers() {
        List<String> out = new ArrayList<>();
        labelledContainers().forEach(c -> out.add("container " + name(c)));
        labelledNetworks().forEach(n -> out.add("network " + n.getName()));
        return out;
    }

    private List<Container> labelledContainers() {
        return client.listContainersCmd().withShowAll(true).withLabelFilter(List.of(Labels.labFilter())).exec();
    }

    private List<Network> labelledNetworks() {
        return client.listNetworksCmd().withFilter("label", List.of(Labels.labFilter())).exec();
    }

    private static String name(Container c) {
        String[] names = c.getNames();
        return names == null || names.length == 0 ? c.getId() : names[0].replaceFirst("^/", "");
    }

    void removeContainer(String id) {
        try {
            client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // already gone
        }
        containers.remove(id);
    }

    void removeNetwork(String id) {
        try {
            client.removeNetworkCmd(id).exec();
        } catch (NotFoundException e) {
            // already gone
        }
        networks.remove(id);
    }

    /**
     * Removes what this run made (containers, then networks) and closes the connection. Every removal is
     * tried; the first failure is thrown at the end, naming what stayed.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException e) {
            // the JVM is exiting: the hook runs, or has run, removeCreated itself
        }
        try {
            removeCreated();
        } finally {
            closed = true;
            closeQuietly(client);
        }
    }

    /**
     * Closes the connection but leaves what this run made in place, for a person to look at (the next
     * run's {@link #sweep()} removes it). Returns what it left, as {@link #leftovers()} says.
     */
    public List<String> leaveInPlace() {
        List<String> left = leftovers();
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException e) {
            // the JVM is exiting already
        }
        closed = true;
        closeQuietly(client);
        return left;
    }

    private void removeCreated() {
        if (closed) {
            return;
        }
        RuntimeException first = null;
        List<String> stayed = new ArrayList<>();
        List<String> containerIds;
        synchronized (containers) {
            containerIds = new ArrayList<>(containers.keySet());
        }
        Collections.reverse(containerIds);
        for (String id : containerIds) {
            String name = containers.get(id);
            try {
                removeContainer(id);
            } catch (RuntimeException e) {
                stayed.add("container " + name);
                first = first == null ? e : first;
            }
        }
        List<String> networkIds;
        synchronized (networks) {
            networkIds = new ArrayList<>(networks.keySet());
        }
        Collections.reverse(networkIds);
        for (String id : networkIds) {
            String name = networks.get(id);
            try {
                removeNetwork(id);
            } catch (RuntimeException e) {
                stayed.add("network " + name);
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw new LabException("could not remove " + String.join(", ", stayed) + ": " + first.getMessage(), first);
        }
    }

    private static void closeQuietly(DockerClient client) {
        try {
            client.close();
        } catch (IOException e) {
            // nothing is left to release that we could name
        }
    }

    @Override public String toString() {
        return "DockerEngine[" + host + ", API " + apiVersion + ", run " + runId + "]";
    }
}
