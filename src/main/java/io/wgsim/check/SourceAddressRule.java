package io.wgsim.check;

import io.wgsim.check.Observation.TransportSeen;
import io.wgsim.config.PeerConfig;
import io.wgsim.config.WgQuickConfig;
import io.wgsim.crypto.PublicKey;
import io.wgsim.net.Cidr;
import io.wgsim.net.InnerPacket;
import io.wgsim.net.IpAddresses;
import io.wgsim.protocol.allowedips.AllowedIps;
import java.util.HashMap;
import java.util.Map;

/**
 * source-address: a decrypted packet whose inner source address does not route back to its sender in
 * the receiver's cryptokey routing table, built from the receiver's wg-quick file (whitepaper 2: the
 * receiver drops it; kernel receive.c checks wg_allowedips_lookup_src against the peer). Longest prefix
 * wins, as in the kernel: an address inside the sender's 10.0.0.0/24 but given to another peer as
 * 10.0.0.9/32 is that other peer's. Only judged when the receiver's configuration is given and the session
 * decrypted.
 */
final class SourceAddressRule implements Rule {
    private final KeyRing keys;
    private final Map<PublicKey, AllowedIps<PublicKey>> tables = new HashMap<>();

    SourceAddressRule(KeyRing keys) {
        this.keys = keys;
    }

    @Override public RuleId id() {
        return RuleId.SOURCE_ADDRESS;
    }

    @Override public void observe(Observation o, Findings f) {
        if (!(o instanceof TransportSeen t) || t.copy() || t.plaintext() == null || t.plaintext().length == 0) {
            return;
        }
        PublicKey from = t.sender().key();
        PublicKey to = t.receiver().key();
        WgQuickConfig config = keys.configOf(to);
        if (from == null || config == null) {
            return;
        }
        InnerPacket ip = InnerPacket.parse(t.plaintext());
        if (ip == null) {
            return;
        }
        PublicKey owner = tables.computeIfAbsent(to, k -> table(config)).lookup(ip.source());
        if (!from.equals(owner)) {
            f.add(id(), o.packet(), "inner source " + IpAddresses.format(ip.sourceAddress()) + " from " + t.sender().label()
                    + " is not in its allowed IPs in " + keys.configSource(to)
                    + (owner == null ? " (no peer's allowed IPs hold it)" : " (they route it to " + Party.of(owner).label() + ")"));
        }
    }

    private static AllowedIps<PublicKey> table(WgQuickConfig config) {
        AllowedIps<PublicKey> table = new AllowedIps<>();
        for (PeerConfig peer : config.peers()) {
            for (Cidr prefix : peer.allowedIps()) {
                table.insert(prefix, peer.publicKey());
            }
        }
        return table;
    }

    @Override public String notApplied() {
        return keys.hasConfigs() ? null : "no --config given";
    }
}
