package io.wgsim.config;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Fixed keys for config tests; the first pair is checked against wg(8) in the CLI tests. */
final class TestKeys {
    static final String PRIVATE = "AKeZaHwBxjiKLFnkY2unvEdOTtg4AL+M9dQXfopFVFk=";
    static final String PUBLIC_OF_PRIVATE = "Igge9KzRytKNwrgkzDE/8hrLu6Ly0OqVdvOPWhA5KR4=";
    static final String PEER_A = "Yd+DK5y+QL+cYl0XELLWJRvnGwktO5boPenXUcrctsM=";
    static final String PEER_B = "CBcc7xKgBv8T51SWYghSBsmJGAkRoZVBCPeYYGpyviA=";
    static final String PEER_C = "1HzNjh/MbwXOPidV8lJfXgVGiB8ARjGtcVJO/OkEiy8=";
    static final String PSK = "zCV6kCnkhj0VTueTl7kpXqd2I8ItSv+7lj9KTpayIw8=";

    private TestKeys() {}

    /** Fails if any 8 consecutive characters of the secret's base64 appear in the text. */
    static void assertNotLeaked(String text, String secretBase64) {
        String body = secretBase64.substring(0, 43);
        for (int i = 0; i + 8 <= body.length(); i++) {
            String window = body.substring(i, i + 8);
            assertFalse(text.contains(window), () -> "secret material '" + window + "' leaked into: " + text);
        }
    }
}
