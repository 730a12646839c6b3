package io.wgsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecklistReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsTheProjectsChecklist() {
        Checklist c = ChecklistReader.read(Path.of("features/checklist.yaml"));

        assertEquals("handshake", c.areas().get(0).id());
        Checklist.Item first = c.item("handshake-first-packet");
        assertInstanceOf(Applicability.Run.class, first.on(Backend.SIM));
        assertInstanceOf(Applicability.Run.class, first.on(Backend.REAL));
        Applicability unit = c.item("replay-window-unit").on(Backend.SIM);
        assertEquals(new Applicability.UnitTest("io.wgsim.protocol.replay.ReplayWindowTest"), unit);
        Applicability na = c.item("handshake-retransmit-giveup").on(Backend.REAL);
        assertTrue(((Applicability.NotApplicable) na).reason().startsWith("540 s key zeroing"), na.toString());
    }

    @Test
    void aUnitTestNamedInTheChecklistExists() throws Exception {
        Checklist c = ChecklistReader.read(Path.of("features/checklist.yaml"));
        for (Checklist.Area a : c.areas()) {
            for (Checklist.Item i : a.items()) {
                for (Backend b : Backend.values()) {
                    if (i.on(b) instanceof Applicability.UnitTest u) {
                        Class.forName(u.testClass()); // throws, naming the class, when it does not exist
                    }
                }
            }
        }
    }

    @Test
    void aBadBackendValueNamesTheFileAndField() throws Exception {
        Path file = write("""
                areas:
                  - id: a
                    title: A
                    items:
                      - id: a-one
                        behaviour: B
                        sim: run
                        real: maybe
                """);

        ReportException e = assertThrows(ReportException.class, () -> ChecklistReader.read(file));

        assertEquals(file + ": areas[0].items[0].real: expected 'run', 'n/a: <reason>' or 'unit: <test class>', got 'maybe'",
                e.getMessage());
    }

    @Test
    void anNaWithoutAReasonIsRefused() throws Exception {
        Path file = write("""
                areas:
                  - id: a
                    title: A
                    items:
                      - {id: a-one, behaviour: B, sim: run, real: "n/a:"}
                """);

        assertTrue(assertThrows(ReportException.class, () -> ChecklistReader.read(file)).getMessage()
                .contains("areas[0].items[0].real: expected"));
    }

    @Test
    void idsAreUniqueAndUsableInTags() throws Exception {
        Path twice = write("""
                areas:
                  - id: a
                    title: A
                    items:
                      - {id: x, behaviour: B, sim: run, real: run}
                      - {id: x, behaviour: C, sim: run, real: run}
                """);
        Path spaced = write("""
                areas:
                  - id: a
                    title: A
                    items:
                      - {id: "has space", behaviour: B, sim: run, real: run}
                """);

        assertEquals(twice + ": areas[0].items[1].id: 'x' is used twice; ids must be unique",
                assertThrows(ReportException.class, () -> ChecklistReader.read(twice)).getMessage());
        assertTrue(assertThrows(ReportException.class, () -> ChecklistReader.read(spaced)).getMessage()
                .contains("areas[0].items[0].id: 'has space' is not a usable id"));
    }

    @Test
    void missingFileAndMissingFieldsAreNamed() throws Exception {
        Path absent = dir.resolve("nope.yaml");
        Path noItems = write("areas:\n  - {id: a, title: A}\n");
        Path broken = write("areas: [\n");

        assertEquals(absent + ": no such file (the conformance checklist)",
                assertThrows(ReportException.class, () -> ChecklistReader.read(absent)).getMessage());
        assertEquals(noItems + ": areas[0].items: expected a non-empty list of items",
                assertThrows(ReportException.class, () -> ChecklistReader.read(noItems)).getMessage());
        assertTrue(assertThrows(ReportException.class, () -> ChecklistReader.read(broken)).getMessage()
                .startsWith(broken + ": not valid YAML"));
    }

    private int files;

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("checklist-" + (files++) + ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
