package io.wgsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * features/checklist.yaml covers every bullet of the shared scenario-checklist.md: the same areas in the
 * same order, and in each area every bullet claimed by at least one item whose words all come from that
 * bullet, in bullet order. An area has as many items as bullets, except where a bullet naming several
 * behaviours is split into an item each; the split is only accepted when every one of those items reads
 * as part of that bullet. A bullet marked "both" runs on both backends; one marked "unit" is a unit test.
 *
 * <p>The reference folder is {@code ../shared/reference}, or the system property {@value #PROPERTY};
 * when it is absent the test is reported as skipped with the path it looked for.
 */
class ChecklistCoverageTest {
    static final String PROPERTY = "wgsim.reference";

    private static final Set<String> STOP_WORDS = Set.of("the", "a", "an", "and", "or", "of", "to", "on", "in", "at",
            "is", "be", "by", "with", "from", "for", "its", "it", "when", "after", "then", "not", "no");
    private static final Pattern WORD = Pattern.compile("[a-z0-9]+");
    private static final Pattern BOTH = Pattern.compile("\\bboth\\)");
    private static final Pattern UNIT = Pattern.compile("\\(unit\\)");

    record Area(String title, List<String> bullets) {}

    @Test
    void everyBulletOfTheSharedChecklistHasAnItem() throws Exception {
        List<Area> reference = parse(Files.readAllLines(referenceFile()));
        Checklist checklist = ChecklistReader.read(Path.of("features/checklist.yaml"));

        assertEquals(reference.stream().map(a -> normalise(a.title())).toList(),
                checklist.areas().stream().map(a -> normalise(a.title())).toList(), "areas, in order");
        for (int a = 0; a < reference.size(); a++) {
            Area ref = reference.get(a);
            Checklist.Area ours = checklist.areas().get(a);
            boolean areaBoth = BOTH.matcher(ref.title()).find() || ref.title().contains("and real");
            int previous = 0;
            Set<Integer> covered = new TreeSet<>();
            for (Checklist.Item item : ours.items()) {
                int bullet = bulletOf(item, ref.bullets());
                assertTrue(bullet >= previous, () -> item.id() + " is out of the order of " + ref.title() + "'s bullets");
                previous = bullet;
                covered.add(bullet);
                String text = ref.bullets().get(bullet);
                if (areaBoth || BOTH.matcher(text).find()) {
                    assertInstanceOf(Applicability.Run.class, item.on(Backend.SIM), item.id() + " is marked both: " + text);
                    assertInstanceOf(Applicability.Run.class, item.on(Backend.REAL), item.id() + " is marked both: " + text);
                }
                if (UNIT.matcher(text).find()) {
                    assertInstanceOf(Applicability.UnitTest.class, item.on(Backend.SIM), item.id() + " is marked unit: " + text);
                }
            }
            for (int b = 0; b < ref.bullets().size(); b++) {
                int bullet = b;
                assertTrue(covered.contains(b), () -> ref.title() + ": no item for \"" + ref.bullets().get(bullet) + "\"");
            }
        }
    }

    /** The bullet that holds every word of the item's behaviour; fails when none or several do. */
    private static int bulletOf(Checklist.Item item, List<String> bullets) {
        Set<String> words = words(item.behaviour());
        List<Integer> holding = new ArrayList<>();
        for (int b = 0; b < bullets.size(); b++) {
            if (words(bullets.get(b)).containsAll(words)) {
                holding.add(b);
            }
        }
        assertEquals(1, holding.size(), () -> item.id() + ": \"" + item.behaviour() + "\" should read as one bullet of "
                + bullets + ", matches " + holding);
        return holding.get(0);
    }

    private static Set<String> words(String text) {
        Set<String> words = new LinkedHashSet<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            if (!STOP_WORDS.contains(m.group())) {
                words.add(m.group());
            }
        }
        return words;
    }

    /** "Impairments (sim, and real ...)" and "Impairments (real ...)" are the same area. */
    private static String normalise(String title) {
        return title.replaceAll("\\(.*\\)", "").strip().toLowerCase(Locale.ROOT);
    }

    static List<Area> parse(List<String> lines) {
        List<Area> areas = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("## ")) {
                areas.add(new Area(line.substring(3).strip(), new ArrayList<>()));
            } else if (line.startsWith("- ") && !areas.isEmpty()) {
                areas.get(areas.size() - 1).bullets().add(line.substring(2).strip());
            } else if (line.startsWith("  ") && !line.isBlank() && !areas.isEmpty() && !areas.get(areas.size() - 1).bullets().isEmpty()) {
                List<String> bullets = areas.get(areas.size() - 1).bullets();
                bullets.set(bullets.size() - 1, bullets.get(bullets.size() - 1) + " " + line.strip());
            }
        }
        return areas;
    }

    private static Path referenceFile() {
        String configured = System.getProperty(PROPERTY);
        Path dir = (configured == null || configured.isBlank() ? Path.of("..", "shared", "reference") : Path.of(configured))
                .toAbsolutePath().normalize();
        Path file = dir.resolve("scenario-checklist.md");
        Assumptions.assumeTrue(Files.isRegularFile(file), () -> "shared scenario checklist not found: " + file
                + " (set -D" + PROPERTY + "=DIR to read it from elsewhere)");
        return file;
    }
}
