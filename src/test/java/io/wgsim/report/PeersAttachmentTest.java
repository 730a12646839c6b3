package io.wgsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeersAttachmentTest {
    @Test
    void namesEndpointsInTheDiagramsOwnNotation() throws Exception {
        Map<InetSocketAddress, String> names = new LinkedHashMap<>();
        names.put(new InetSocketAddress(InetAddress.getByName("198.18.0.2"), 51820), "alice");
        names.put(new InetSocketAddress(InetAddress.getByName("fd00:0:0::1"), 51821), "bob");
        assertEquals("alice=198.18.0.2:51820\nbob=[fd00::1]:51821\n", PeersAttachment.text(names));
    }
}
