package io.wgsim.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "10.0.0.1 | 10.0.0.1",
            "0.0.0.0 | 0.0.0.0",
            "255.255.255.255 | 255.255.255.255",
            "' 192.168.4.20 ' | 192.168.4.20",
            ":: | ::",
            "::1 | ::1",
            "1:: | 1::",
            "FD00:0:0:0:0:0:0:1 | fd00::1",
            "2001:db8:0:0:1:0:0:1 | 2001:db8::1:0:0:1",       // RFC 5952 4.2.3: first of equal runs
            "2001:db8:0:1:1:1:1:1 | 2001:db8:0:1:1:1:1:1",     // 4.2.2: a single zero group stays
            "2001:0db8:0000:0000:0000:0000:0000:0001 | 2001:db8::1",
            "2001:db8::0:1:0:0:0 | 2001:db8:0:0:1::",          // 4.2.3: the longest run wins
            "::ffff:10.0.0.1 | ::ffff:10.0.0.1",               // section 5: mapped keeps the dotted tail
            "::ffff:a00:1 | ::ffff:10.0.0.1",
            "::10.0.0.1 | ::a00:1",                             // deprecated compatible form: plain hex
            "1:2:3:4:5:6:1.2.3.4 | 1:2:3:4:5:6:102:304",
            "2607:5300:6000:6b00::c05f:543 | 2607:5300:6000:6b00::c05f:543",
    })
    void parsesAndFormats(String text, String formatted) {
        assertEquals(formatted, IpAddresses.format(IpAddresses.parse(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", " ", "10.0.0", "10.0.0.1.2", "10.0.0.256", "10.0.0.01", "010.0.0.1", "10.0.0.-1", "10..0.1",
            "10.0.0.1/32", "localhost", "example.com", "1e1.0.0.1",
            "\u0661.2.3.4",          // ARABIC-INDIC DIGIT ONE: a digit to Character.isDigit, not to us
            "::\u0663",              // same in an IPv6 group
            "::\uff21",              // FULLWIDTH LATIN CAPITAL LETTER A: a hex digit to Character.digit
            ":::", "1:::2", "1::2::3", ":1::", "::1:", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7::8", // "::" must stand for at least one group
            "12345::", "g::", "fe80::1%eth0", "[::1]", "1.2.3.4::", "::1.2.3", "::1.2.3.4.5",
            "1:2:3:4:5:6:7:1.2.3.4", "::ffff:1.2.3.04",
    })
    void rejectsWhatIsNotALiteral(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpAddresses.parse(text));
        assertEquals("'" + text + "' is not an IP address", e.getMessage());
    }

    @Test
    void familyIsTheWrittenOne() {
        assertInstanceOf(Inet4Address.class, IpAddresses.parse("10.0.0.1"));
        InetAddress mapped = IpAddresses.parse("::ffff:10.0.0.1");
        assertInstanceOf(Inet6Address.class, mapped, "InetAddress.getByName would make this IPv4");
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 1},
                mapped.getAddress());
    }

    @Test
    void fromBytesKeepsTheLengthsFamily() {
        byte[] mapped = IpAddresses.parse("::ffff:192.0.2.1").getAddress();
        assertEquals(16, IpAddresses.fromBytes(mapped).getAddress().length);
        assertEquals(4, IpAddresses.fromBytes(new byte[] {1, 2, 3, 4}).getAddress().length);
        assertThrows(IllegalArgumentException.class, () -> IpAddresses.fromBytes(new byte[5]));
    }

    @Test
    void parsesEveryByteOfAnIpv6Literal() {
        assertArrayEquals(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, (byte) 0xab, (byte) 0xcd},
                IpAddresses.parse("2001:db8:1:2:3:4:5:abcd").getAddress());
        assertArrayEquals(new byte[] {0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2},
                IpAddresses.parse("1::2").getAddress());
    }
}
