package io.wgsim.sim.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wgsim.crypto.Entropy;
import io.wgsim.net.IpAddresses;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NatBoxTest {
    private static final long S = 1_000_000_000L;
    private static final InetSocketAddress INSIDE = at("198.19.0.5", 51820);
    private static final InetSocketAddress SERVER_A = at("198.18.0.1", 51820);
    private static final InetSocketAddress SERVER_B = at("198.18.0.2", 51820);

    private static InetSocketAddress at(String ip, int port) {
        return new InetSocketAddress(IpAddresses.parse(ip), port);
    }

    private static NatBox nat(NatBox.Mapping mapping) {
        return new NatBox("cgnat", mapping, IpAddresses.parse("198.18.255.1"), Duration.ofSeconds(30), Entropy.seeded(7));
    }

    @Test
    void endpointIndependentMappingKeepsOnePortForAllDestinations() {
        NatBox n = nat(NatBox.Mapping.ENDPOINT_INDEPENDENT);
        InetSocketAddress toA = n.outbound(0, INSIDE, SERVER_A).source();
        InetSocketAddress toB = n.outbound(S, INSIDE, SERVER_B).source();
        assertEquals(toA, toB);
        assertEquals(IpAddresses.parse("198.18.255.1"), toA.getAddress());
        // Any outside host may answer through it.
        assertEquals(INSIDE, n.inbound(2 * S, at("198.18.9.9", 1), toA).destination());
    }

    @Test
    void addressAndPortDependentMappingIsPerDestinationAndFiltersOthers() {
        NatBox n = nat(NatBox.Mapping.ADDRESS_AND_PORT_DEPENDENT);
        InetSocketAddress toA = n.outbound(0, INSIDE, SERVER_A).source();
        InetSocketAddress toB = n.outbound(0, INSIDE, SERVER_B).source();
        assertNotEquals(toA.getPort(), toB.getPort());
        assertEquals(INSIDE, n.inbound(S, SERVER_A, toA).destination());
        assertNull(n.inbound(S, SERVER_B, toA), "B may not use A's mapping");
        assertEquals(2, n.activeMappings());
    }

    @Test
    void addressDependentFilteringLetsInOnlyAddressesTheHostSentTo() {
        NatBox n = new NatBox("cone", NatBox.Mapping.ENDPOINT_INDEPENDENT, NatBox.Mapping.ADDRESS_DEPENDENT,
                IpAddresses.parse("198.18.255.1"), Duration.ofSeconds(30), Entropy.seeded(3));
        InetSocketAddress mapped = n.outbound(0, INSIDE, SERVER_A).source();
        assertNotNull(n.inbound(S, at("198.18.0.1", 9999), mapped), "same address, other port: let in");
        assertNull(n.inbound(S, SERVER_B, mapped), "an address never contacted: filtered");
        n.outbound(2 * S, INSIDE, SERVER_B);
        assertNotNull(n.inbound(3 * S, SERVER_B, mapped), "after the host sent to it");
    }

    @Test
    void mappingsExpireAfterTheTimeoutWithoutTraffic() {
        NatBox n = nat(NatBox.Mapping.ENDPOINT_INDEPENDENT);
        InetSocketAddress mapped = n.outbound(0, INSIDE, SERVER_A).source();
        assertNotNull(n.inbound(29 * S, SERVER_A, mapped), "refreshed by inbound traffic at 29 s");
        assertNotNull(n.inbound(58 * S, SERVER_A, mapped), "still alive 29 s after the refresh");
        assertNull(n.inbound(88 * S, SERVER_A, mapped), "30 s of silence");
        assertEquals(1, n.mappingsExpired());
        InetSocketAddress again = n.outbound(89 * S, INSIDE, SERVER_A).source();
        assertEquals(2, n.mappingsCreated());
        assertNotNull(again);
    }

    @Test
    void rebindingMovesEveryMappingToANewPortAndOptionallyAddress() {
        NatBox n = nat(NatBox.Mapping.ENDPOINT_INDEPENDENT);
        InetSocketAddress before = n.outbound(0, INSIDE, SERVER_A).source();
        n.rebind(null);
        assertNull(n.inbound(S, SERVER_A, before), "the old mapping is gone");
        InetSocketAddress after = n.outbound(S, INSIDE, SERVER_A).source();
        assertNotEquals(before.getPort(), after.getPort());
        n.rebind(IpAddresses.parse("198.18.255.2"));
        InetSocketAddress moved = n.outbound(2 * S, INSIDE, SERVER_A).source();
        assertEquals(IpAddresses.parse("198.18.255.2"), moved.getAddress());
    }

    @Test
    void sameSeedSameExternalPorts() {
        assertEquals(nat(NatBox.Mapping.ENDPOINT_INDEPENDENT).outbound(0, INSIDE, SERVER_A).source(),
                nat(NatBox.Mapping.ENDPOINT_INDEPENDENT).outbound(0, INSIDE, SERVER_A).source());
    }

    @Test
    void datagramsToAnotherAddressAreNotTranslated() {
        NatBox n = nat(NatBox.Mapping.ENDPOINT_INDEPENDENT);
        InetSocketAddress mapped = n.outbound(0, INSIDE, SERVER_A).source();
        assertNull(n.inbound(S, SERVER_A, new InetSocketAddress(SERVER_B.getAddress(), mapped.getPort())));
    }

    @Test
    void timeoutMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NatBox("x", NatBox.Mapping.ENDPOINT_INDEPENDENT, IpAddresses.parse("198.18.0.1"), Duration.ZERO, Entropy.seeded(1)));
        assertEquals(true, e.getMessage().contains("timeout"));
    }
}
