package io.wgsim.docker;

import com.github.dockerjava.api.command.CreateNetworkResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Network;
import io.wgsim.net.Cidr;
import io.wgsim.net.IpAddresses;
import java.net.InetAddress;
import java.util.Map;
import java.util.Objects;

/**
 * One outer network of the lab: an internal Docker bridge network on its own /24 in 198.18.1.0 ..
 * 198.18.63.0, its Linux bridge named so that a capture can open it by name. The host holds the gateway
 * address on the bridge; that is where a wgsim peer in the test JVM binds. Internal means Docker gives
 * the containers no default route, and the lab's engine forwards nothing anyway: packets reach the host
 * and the network's own containers, nothing beyond.
 *
 * @param name the Docker network's name, {@code wgsim-RUN-NAME}
 * @param bridge the Linux bridge's name, {@code wglRUN-N} (at most 15 characters, as Linux demands)
 */
public record LabNetwork(String name, String id, Cidr subnet, InetAddress gateway, String bridge) {
    /** The range every lab network lies in; containers route it to their network's gateway. */
    public static final Cidr LAB_RANGE = Cidr.parse("198.18.0.0/15");

    public LabNetwork {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subnet, "subnet");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(bridge, "bridge");
    }

    /** Creates a labelled network called {@code wgsim-RUN-shortName} on the next free /24. */
    public static LabNetwork create(DockerEngine engine, String shortName) {
        if (!shortName.matches("[a-z0-9][a-z0-9-]{0,30}")) {
            throw new IllegalArgumentException("network name '" + shortName + "' must be 1-31 of a-z, 0-9 and '-'");
        }
        String name = "wgsim-" + engine.runId() + "-" + shortName;
        int index = engine.takeNetworkIndex();
        Cidr subnet = Cidr.parse("198.18." + index + ".0/24");
        InetAddress gateway = IpAddresses.parse("198.18." + index + ".1");
        String bridge = "wgl" + engine.runId() + "-" + index;
        CreateNetworkResponse created;
        try {
            created = engine.client().createNetworkCmd()
                    .withName(name)
                    .withDriver("bridge")
                    .withInternal(true)
                    .withCheckDuplicate(true)
                    .withLabels(engine.labels())
                    .withOptions(Map.of("com.docker.network.bridge.name", bridge))
                    .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config()
                            .withSubnet(subnet.toString())
                            .withGateway(IpAddresses.format(gateway))))
                    .exec();
        } catch (DockerException e) {
            throw new LabException("cannot create network " + name + " on " + subnet + ": " + e.getMessage(), e);
        }
        LabNetwork network = new LabNetwork(name, created.getId(), subnet, gateway, bridge);
        engine.created(network);
        return network;
    }

}
