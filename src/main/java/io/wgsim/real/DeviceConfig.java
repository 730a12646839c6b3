package io.wgsim.real;

import io.wgsim.config.InterfaceConfig;
import io.wgsim.config.PeerConfig;
import io.wgsim.net.Cidr;
import io.wgsim.protocol.DeviceSettings;
import io.wgsim.protocol.PeerSettings;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** wg-quick settings in the core's terms: what {@code wg setconf} plus {@code ip addr add} would set up. */
final class DeviceConfig {
    private DeviceConfig() {}

    /** The interface's settings; {@code listenPort} is the port actually bound (the file may leave it to chance). */
    static DeviceSettings device(InterfaceConfig iface, int listenPort, long epochNanos, boolean keyLog) {
        DeviceSettings settings = DeviceSettings.of(iface.privateKey())
                .withListenPort(listenPort)
                .withEpochNanos(epochNanos)
                .withKeyLog(keyLog);
        return iface.mtu() == null ? settings : settings.withMtu(iface.mtu());
    }

    static PeerSettings peer(PeerConfig peer) {
        return new PeerSettings(peer.publicKey(), peer.presharedKey(), peer.allowedIps(),
                peer.endpoint() == null ? null : peer.endpoint().toSocketAddress(),
                Duration.ofSeconds(peer.persistentKeepaliveSeconds()));
    }

    /** The interface's own addresses (the Address lines, prefix lengths dropped). */
    static List<InetAddress> addresses(InterfaceConfig iface) {
        List<InetAddress> out = new ArrayList<>();
        for (Cidr cidr : iface.addresses()) {
            out.add(cidr.address());
        }
        return out;
    }
}
