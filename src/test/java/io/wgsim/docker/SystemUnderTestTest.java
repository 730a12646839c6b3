package io.wgsim.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SystemUnderTestTest {

    @Test
    void withoutPropertiesItIsWireGuardGoInTheLabsOwnImage() {
        SystemUnderTest sut = SystemUnderTest.from(new Properties());
        assertNull(sut.image());
        assertEquals(Map.of("WG_I_PREFER_BUGGY_USERSPACE_TO_POLISHED_KMOD", "1"), sut.env());
        assertEquals(List.of("wireguard-go", "wg0"), SystemUnderTest.fill(sut.up(), "wg0", null, null));
        assertEquals(List.of("wg", "setconf", "wg0", "/tmp/wg0.conf"),
                SystemUnderTest.fill(sut.setconf(), "wg0", "/tmp/wg0.conf", null));
        assertEquals(List.of("wg", "set", "wg0", "listen-port", "51821"),
                SystemUnderTest.fill(sut.setPort(), "wg0", null, 51821));
    }

    @Test
    void propertiesPointTheLabAtAnotherImplementation() {
        Properties p = new Properties();
        p.setProperty(SystemUnderTest.IMAGE_PROPERTY, " example/boringtun:1 ");
        p.setProperty(SystemUnderTest.UP_PROPERTY, "boringtun-cli  {if}");
        p.setProperty(SystemUnderTest.ENV_PROPERTY, "WG_SUDO=1,WG_LOG_LEVEL=info");
        SystemUnderTest sut = SystemUnderTest.from(p);
        assertEquals("example/boringtun:1", sut.image());
        assertEquals(List.of("boringtun-cli", "wg1"), SystemUnderTest.fill(sut.up(), "wg1", null, null));
        assertEquals(List.of("WG_LOG_LEVEL=info", "WG_SUDO=1"), sut.envList());
        assertEquals(SystemUnderTest.wireguardGo().dump(), sut.dump(), "what is not given stays as it was");
    }

    @Test
    void badPropertiesAreRefusedNamingTheProperty() {
        Properties env = new Properties();
        env.setProperty(SystemUnderTest.ENV_PROPERTY, "JUSTANAME");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SystemUnderTest.from(env));
        assertTrue(e.getMessage().contains("-Dwgsim.lab.env") && e.getMessage().contains("JUSTANAME"), e.getMessage());

        Properties up = new Properties();
        up.setProperty(SystemUnderTest.UP_PROPERTY, "  ");
        e = assertThrows(IllegalArgumentException.class, () -> SystemUnderTest.from(up));
        assertTrue(e.getMessage().contains("-Dwgsim.lab.up"), e.getMessage());
    }
}
