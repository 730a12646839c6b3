package io.wgsim.protocol;

import io.wgsim.crypto.PublicKey;
import io.wgsim.protocol.wire.DropReason;
import java.util.List;
import java.util.Map;

/** A device's state for `wg show` style output: its key, port, peers in the order added, and drops by reason. */
public record DeviceStatus(PublicKey publicKey, int listenPort, List<PeerStatus> peers, Map<DropReason, Long> drops) {}
