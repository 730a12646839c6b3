package io.wgsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyCommandsTest {
    /** A key pair checked with wireguard-tools: echo PRIVATE | wg pubkey prints PUBLIC. */
    private static final String PRIVATE = "AKeZaHwBxjiKLFnkY2unvEdOTtg4AL+M9dQXfopFVFk=";
    private static final String PUBLIC = "Igge9KzRytKNwrgkzDE/8hrLu6Ly0OqVdvOPWhA5KR4=";

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "\r\n", " \t\n\n", "\0"})
    void pubkeyPrintsWhatWgPrints(String trailing) {
        Cli.Result r = Cli.run(PRIVATE + trailing, "pubkey");

        assertEquals(new Cli.Result(0, PUBLIC + "\n", ""), r);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "AKeZaHwBxjiKLFnkY2unvEdOTtg4AL+M9dQXfopFVFk",         // one character short
            "AKeZaHwBxjiKLFnkY2unvEdOTtg4AL+M9dQXfopFVFl=",        // not the canonical spelling
            "AKeZaHwBxjiKLFnkY2unvEdOTtg4AL_M9dQXfopFVFk=",        // not standard base64
            "AKeZaHwBxjiKLFnkY2unvEdOTtg4AL+M9dQXfopFV\u00e9k=",   // not ASCII
    })
    void pubkeyRefusesAMalformedKeyLikeWg(String stdin) {
        Cli.Result r = Cli.run(stdin, "pubkey");

        assertEquals(1, r.exitCode());
        assertEquals("", r.out());
        assertEquals("wgsim: Key is not the correct length or format\n", r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {PRIVATE + "\nmore", PRIVATE + PRIVATE, " " + PRIVATE})
    void pubkeyRefusesTrailingCharactersLikeWg(String stdin) {
        // wg takes the first 44 bytes as the key, so a leading blank pushes the '=' past it.
        Cli.Result r = Cli.run(stdin, "pubkey");

        assertEquals(new Cli.Result(1, "", "wgsim: Trailing characters found after key\n"), r);
    }

    @Test
    void pubkeyTakesNoArguments() {
        Cli.Result r = Cli.run(PRIVATE, "pubkey", "extra");

        assertEquals(2, r.exitCode());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("Unmatched argument at index 1: 'extra'\nUsage: wgsim pubkey"), r.err());
    }

    @Test
    void genkeyPrintsDistinctClampedKeysThatPubkeyReads() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 32; i++) {
            Cli.Result r = Cli.run("", "genkey");
            assertEquals(0, r.exitCode(), r.err());
            assertEquals("", r.err());
            assertTrue(r.out().endsWith("\n"), r.out());
            String key = r.out().strip();
            assertEquals(44, key.length(), key);

            byte[] bytes = Base64.getDecoder().decode(key);
            assertEquals(32, bytes.length);
            assertEquals(0, bytes[0] & 0b111, "low three bits cleared");
            assertEquals(0x40, bytes[31] & 0xc0, "top bit cleared, second bit set");

            assertEquals(0, Cli.run(r.out(), "pubkey").exitCode());
            keys.add(key);
        }
        assertEquals(32, keys.size());
    }

    @Test
    void genpskPrintsDistinctRandomKeys() {
        Set<String> keys = new HashSet<>();
        boolean sawUnclampedByte = false;
        for (int i = 0; i < 32; i++) {
            Cli.Result r = Cli.run("", "genpsk");
            assertEquals(0, r.exitCode(), r.err());
            String key = r.out().strip();
            assertEquals(44, key.length(), key);
            byte[] bytes = Base64.getDecoder().decode(key);
            assertEquals(32, bytes.length);
            // A preshared key is not clamped: over 32 keys some low bits of byte 0 are set.
            sawUnclampedByte |= (bytes[0] & 0b111) != 0;
            keys.add(key);
        }
        assertEquals(32, keys.size());
        assertTrue(sawUnclampedByte);
    }
}
