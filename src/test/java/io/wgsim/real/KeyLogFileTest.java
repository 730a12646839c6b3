package io.wgsim.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyLogFileTest {
    @TempDir
    Path dir;

    @Test
    void makesANewFileOwnerOnlyAndAppendsLines() throws IOException {
        Path file = dir.resolve("keys.log");
        try (KeyLogFile log = KeyLogFile.open(file)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                    "0600 before anything is written");
            assertEquals(0, Files.size(file));
            log.append(List.of("LOCAL_STATIC_PRIVATE_KEY = a", "LOCAL_EPHEMERAL_PRIVATE_KEY = b"));
            log.append(List.of("LOCAL_EPHEMERAL_PRIVATE_KEY = c"));
        }
        assertEquals(List.of("LOCAL_STATIC_PRIVATE_KEY = a", "LOCAL_EPHEMERAL_PRIVATE_KEY = b",
                "LOCAL_EPHEMERAL_PRIVATE_KEY = c"), Files.readAllLines(file));
    }

    @Test
    void tightensAnExistingFileAndKeepsWhatItHeld() throws IOException {
        Path file = dir.resolve("keys.log");
        Files.writeString(file, "LOCAL_EPHEMERAL_PRIVATE_KEY = old\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        try (KeyLogFile log = KeyLogFile.open(file)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            log.append(List.of("LOCAL_EPHEMERAL_PRIVATE_KEY = new"));
        }
        assertEquals(List.of("LOCAL_EPHEMERAL_PRIVATE_KEY = old", "LOCAL_EPHEMERAL_PRIVATE_KEY = new"),
                Files.readAllLines(file));
    }

    @Test
    void refusesSomethingThatIsNotARegularFile() throws IOException {
        assertThrows(IOException.class, () -> KeyLogFile.open(dir));
        Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("elsewhere"));
        assertThrows(IOException.class, () -> KeyLogFile.open(link));
    }
}
