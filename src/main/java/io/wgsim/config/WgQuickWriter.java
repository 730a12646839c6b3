package io.wgsim.config;

import io.wgsim.net.Cidr;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a {@link WgQuickConfig} as a wg-quick file in one canonical form: keys spelt as wg-quick(8)
 * documents them, in a fixed order, optional keys left out when unset. Reading the text back with
 * {@link WgQuickParser} gives an equal config. Comments and ignored keys of a file that was read are not
 * kept: they are not part of the config.
 *
 * <p>The text holds the private key and any preshared key: write it only where a secret may go.
 */
public final class WgQuickWriter {
    private WgQuickWriter() {}

    public static String write(WgQuickConfig config) {
        StringBuilder out = new StringBuilder();
        InterfaceConfig iface = config.iface();
        out.append(Section.INTERFACE.header()).append('\n');
        line(out, ConfigKey.PRIVATE_KEY, iface.privateKey().toBase64());
        if (iface.listenPort() != null) {
            line(out, ConfigKey.LISTEN_PORT, iface.listenPort().toString());
        }
        if (!iface.addresses().isEmpty()) {
            line(out, ConfigKey.ADDRESS, join(iface.addresses()));
        }
        if (iface.mtu() != null) {
            line(out, ConfigKey.MTU, iface.mtu().toString());
        }
        for (PeerConfig peer : config.peers()) {
            out.append('\n').append(Section.PEER.header()).append('\n');
            line(out, ConfigKey.PUBLIC_KEY, peer.publicKey().toBase64());
            if (!peer.presharedKey().isNone()) {
                line(out, ConfigKey.PRESHARED_KEY, peer.presharedKey().toBase64());
            }
            if (!peer.allowedIps().isEmpty()) {
                line(out, ConfigKey.ALLOWED_IPS, join(peer.allowedIps()));
            }
            if (peer.endpoint() != null) {
                line(out, ConfigKey.ENDPOINT, peer.endpoint().toString());
            }
            if (peer.persistentKeepaliveSeconds() != 0) {
                line(out, ConfigKey.PERSISTENT_KEEPALIVE, Integer.toString(peer.persistentKeepaliveSeconds()));
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, ConfigKey key, String value) {
        out.append(key.spelling()).append(" = ").append(value).append('\n');
    }

    private static String join(List<Cidr> cidrs) {
        return cidrs.stream().map(Cidr::toString).collect(Collectors.joining(", "));
    }
}
