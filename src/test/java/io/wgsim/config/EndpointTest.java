package io.wgsim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.net.IpAddresses;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointTest {

    @ParameterizedTest
    @CsvSource({
            "1.2.3.4:51820, 1.2.3.4:51820",
            "' 192.0.2.1:1 ', 192.0.2.1:1",
            "[fd00::1]:51820, [fd00::1]:51820",
            "[FD00:0:0:0:0:0:0:1]:65535, [fd00::1]:65535",
            "[2001:db8::]:443, [2001:db8::]:443",
    })
    void parsesLiteralsAndPrintsThemAsWgDoes(String text, String printed) {
        assertEquals(printed, Endpoint.parse(text).toString());
    }

    @Test
    void equalityIsByAddressAndPort() {
        assertEquals(new Endpoint(IpAddresses.parse("fd00::1"), 51820), Endpoint.parse("[fd00:0::1]:51820"));
    }

    @Test
    void convertsToAndFromSocketAddresses() {
        Endpoint endpoint = Endpoint.parse("[fd00::7]:4242");
        InetSocketAddress socket = endpoint.toSocketAddress();

        assertEquals(IpAddresses.parse("fd00::7"), socket.getAddress());
        assertEquals(4242, socket.getPort());
        assertEquals(endpoint, Endpoint.of(socket));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.of(InetSocketAddress.createUnresolved("example.com", 1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo", "1.2.3.4", "1.2.3.4:", "1.2.3.4:x", "1.2.3.4:+80", "[fd00::1]", "[fd00::1]:",
            "[fd00::1]51820", "[fd00::1:51820", "fd00::1:51820", "1.2.3:80", ":80", "[]:80", "[fe80::1%eth0]:80"})
    void refusesWhatIsNotIpPort(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Endpoint.parse(text));

        assertTrue(e.getMessage().startsWith("'" + text + "' "), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"vpn.example.com:51820", "localhost:51820"})
    void refusesHostNamesWithoutLookingThemUp(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Endpoint.parse(text));

        assertEquals("'" + text + "' names a host; wgsim takes literal IP addresses only (no DNS)", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 65536, -1})
    void refusesPortsOutOfRange(int port) {
        assertThrows(IllegalArgumentException.class, () -> new Endpoint(IpAddresses.parse("1.2.3.4"), port));
    }
}
