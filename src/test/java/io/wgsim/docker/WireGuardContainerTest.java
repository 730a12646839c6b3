package io.wgsim.docker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.config.WgQuickConfig;
import io.wgsim.crypto.PrivateKey;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class WireGuardContainerTest {

    @Test
    void setconfGetsTheKeysAndPeersButNotWgQuicksOwnSettings() {
        PrivateKey ours = LabConfigs.newKey();
        PrivateKey theirs = LabConfigs.newKey();
        WgQuickConfig config = LabConfigs.config(LabConfigs.iface(ours, 51820, 1, 1),
                LabConfigs.peer(theirs.publicKey(), new InetSocketAddress("198.18.1.3", 51820), 25, 1, 2));
        String text = WireGuardContainer.setconfText(config);
        assertTrue(text.contains("ListenPort = 51820"), text.replace(ours.toBase64(), "(key)"));
        assertTrue(text.contains("Endpoint = 198.18.1.3:51820"));
        assertTrue(text.contains("AllowedIPs = 198.19.1.2/32, fd00:198:19:1::2/128"));
        assertTrue(text.contains("PersistentKeepalive = 25"));
        assertFalse(text.contains("Address"), "wg setconf refuses Address");
        assertFalse(text.contains("MTU"), "wg setconf refuses MTU");
    }
}
