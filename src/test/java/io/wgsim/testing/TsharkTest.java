package io.wgsim.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The rule for a missing tshark: fail, unless skipping was asked for explicitly. */
class TsharkTest {

    @TempDir Path dir;

    @Test
    void aMissingTsharkFailsAndSaysHowToInstallIt() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> Tshark.require(null, dir.toString() + File.pathSeparator + "/no/such/dir"));
        assertTrue(e.getMessage().contains("Run scripts/install-deps"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dwgsim.tshark=skip"), e.getMessage());
        assertThrows(AssertionFailedError.class, () -> Tshark.require("run", null));
    }

    @Test
    void skippingIsExplicit() {
        TestAbortedException e = assertThrows(TestAbortedException.class, () -> Tshark.require("skip", "/usr/bin"));
        assertTrue(e.getMessage().contains("-Dwgsim.tshark=skip"), e.getMessage());
    }

    @Test
    void tsharkIsFoundOnThePathOrWhereTheSettingSays() throws IOException {
        Path fake = Files.createFile(dir.resolve("tshark"));
        assertTrue(fake.toFile().setExecutable(true));
        assertEquals(fake, Tshark.require("run", "/no/such/dir" + File.pathSeparator + dir));
        assertEquals(fake, Tshark.require(fake.toString(), ""));
        assertThrows(AssertionFailedError.class, () -> Tshark.require(dir.resolve("nope").toString(), ""));
    }
}
