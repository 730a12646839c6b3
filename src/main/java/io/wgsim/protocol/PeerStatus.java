package io.wgsim.protocol;

import io.wgsim.crypto.PublicKey;
import io.wgsim.net.Cidr;
import io.wgsim.protocol.wire.DropReason;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * One peer as `wg show` sees it, plus wgsim's own counters.
 *
 * @param latestHandshakeEpochSeconds Unix seconds of the last completed handshake, 0 if none
 * @param rxBytes UDP payload bytes received from the peer in authenticated messages (as wireguard-go counts)
 * @param txBytes UDP payload bytes sent to the peer (handshakes, data, keepalives)
 */
public record PeerStatus(PublicKey publicKey, boolean hasPresharedKey, InetSocketAddress endpoint,
                         List<Cidr> allowedIps, long latestHandshakeEpochSeconds, long rxBytes, long txBytes,
                         int persistentKeepaliveSeconds, long handshakesInitiated, long sessionsStarted,
                         long endpointChanges, Map<DropReason, Long> drops) {}
