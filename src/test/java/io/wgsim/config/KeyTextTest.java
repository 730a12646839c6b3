package io.wgsim.config;

import static io.wgsim.config.TestKeys.PRIVATE;
import static io.wgsim.config.TestKeys.PUBLIC_OF_PRIVATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyTextTest {

    @Test
    void readsTheKeysWgWrites() {
        assertEquals(PUBLIC_OF_PRIVATE, KeyText.privateKey(PRIVATE).publicKey().toBase64());
        assertEquals(PUBLIC_OF_PRIVATE, KeyText.publicKey(" " + PUBLIC_OF_PRIVATE + "\n").toBase64());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "AKeZaHwBxjiKLFnkY2unvEdOTtg4AL+M9dQXfopFVFk",     // no padding
            "AKeZaHwBxjiKLFnkY2unvEdOTtg4AL+M9dQXfopFVF==",    // 31 bytes
            "AKeZaHwBxjiKLFnkY2unvEdOTtg4AL+M9dQXfopFVFl=",    // low bits of the last character set
            "AKeZaHwBxjiKLFnkY2unvEdOTtg4AL-M9dQXfopFVFk=",    // URL-safe alphabet
            "AKeZaHwBxjiKLFnkY2unvEdOTtg4AL+M9dQXfopFVFk=A",
    })
    void refusesEverythingWgRefusesWithoutQuotingIt(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyText.privateKey(text));

        assertEquals("is not a key (expected 44 characters of base64 ending in '=')", e.getMessage());
    }
}
