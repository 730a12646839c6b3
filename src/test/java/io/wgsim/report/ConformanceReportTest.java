package io.wgsim.report;

import static io.wgsim.report.SyntheticCapture.ALICE;
import static io.wgsim.report.SyntheticCapture.BOB;
import static io.wgsim.report.SyntheticCapture.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The whole page, from a checklist, synthetic Cucumber JSON and a capture in a project-like folder. */
class ConformanceReportTest {
    static final String CHECKLIST = """
            areas:
              - id: handshake
                title: Handshake
                items:
                  - {id: hs-ok, behaviour: "First packet <starts> a handshake & more", sim: run, real: run}
                  - {id: hs-bad, behaviour: Fails, sim: run, real: "n/a: needs <a peer> we control"}
                  - {id: hs-none, behaviour: Nobody claims it, sim: run, real: run}
              - id: replay
                title: Replay
                items:
                  - {id: replay-unit, behaviour: Window, sim: "unit: io.wgsim.SomeTest", real: "n/a: pure computation"}
            """;

    @TempDir
    Path root;

    @BeforeEach
    void project() throws Exception {
        Files.createDirectories(root.resolve("features"));
        Files.writeString(root.resolve("features/checklist.yaml"), CHECKLIST);
        Files.createDirectories(root.resolve("captures/handshake"));
        try (SyntheticCapture c = new SyntheticCapture(root.resolve("captures/handshake/ok.sim.pcapng"))) {
            int i = c.addInterface("link");
            c.udp(i, 0, ALICE, BOB, SyntheticCapture.initiation(1));
            c.udp(i, 30 * MS, BOB, ALICE, SyntheticCapture.response(2, 1));
            for (int n = 0; n < 10; n++) {
                c.udp(i, (60 + n * 1000) * MS, ALICE, BOB, SyntheticCapture.transport(2, n, 84));
            }
        }
        CucumberJson json = new CucumberJson();
        CucumberJson.Feature f = json.feature("file:features/handshake.feature", "Handshake <feature>");
        f.scenario("First packet", 5, "@sim", "@check.hs-ok").step("Given ", "two peers", 6, "passed")
                .step("Then ", "a handshake completes within 5 s", 7, "passed").capture("captures/handshake/ok.sim.pcapng")
                .attach("text/plain", "peers", "alice=198.18.0.1:51820\n<bob>=198.18.0.2:51821");
        f.scenario("<script>alert(1)</script>", 10, "@sim", "@check.hs-bad", "@check.no-such-item")
                .failing("Then ", "it \"fails\" & <breaks>", 11, "expected <1> & got \u001b[31m0\u001b[0m")
                .capture("captures/handshake/missing.sim.pcapng");
        f.scenario("untagged", 14, "@sim").step("Given ", "x", 15, "passed");
        json.write(root.resolve("reports/cucumber-sim.json"));
    }

    @Test
    void theMatrixShowsEachKindOfCell() throws Exception {
        Document page = write();

        String header = text(page, "//header").replaceAll("\\s+", " ");
        assertTrue(header.contains("simulator: 3 scenarios (1 failed, 2 passed) from reports/cucumber-sim.json"), header);
        assertTrue(header.contains("real wireguard-go: not run (reports/cucumber-real.json absent)"), header);
        assertEquals("cell s-passed", cellClass(page, "hs-ok", 0));
        assertEquals("cell s-not-run", cellClass(page, "hs-ok", 1));
        assertTrue(cellText(page, "hs-ok", 1).contains("reports/cucumber-real.json absent"), cellText(page, "hs-ok", 1));
        assertEquals("cell s-failed", cellClass(page, "hs-bad", 0));
        assertEquals("cell s-na", cellClass(page, "hs-bad", 1));
        assertTrue(cellText(page, "hs-bad", 1).contains("needs <a peer> we control"), "the reason, as text");
        assertEquals("cell s-no-scenario", cellClass(page, "hs-none", 0));
        assertTrue(cellText(page, "hs-none", 0).contains("@check.hs-none"));
        assertEquals("cell s-unit-test", cellClass(page, "replay-unit", 0));
        assertTrue(cellText(page, "replay-unit", 0).contains("io.wgsim.SomeTest"));
        assertEquals(List.of(), attrs(page, "//tr[@id='item-replay-unit']/td[2]//a/@href"), "no source to link to");
        Files.createDirectories(root.resolve("src/test/java/io/wgsim"));
        Files.writeString(root.resolve("src/test/java/io/wgsim/SomeTest.java"), "class SomeTest {}");
        assertEquals(List.of("../src/test/java/io/wgsim/SomeTest.java"),
                attrs(write(), "//tr[@id='item-replay-unit']/td[2]//a/@href"), "the unit test's source");
    }

    @Test
    void aCellLinksToItsScenarioTheFeatureLineAndTheCapture() throws Exception {
        Document page = write();
        List<String> hrefs = attrs(page, "//tr[@id='item-hs-ok']/td[2]//a/@href");

        assertEquals(List.of("#scenario-sim-1", "#scenario-sim-1", "../features/handshake.feature",
                "../captures/handshake/ok.sim.pcapng"), hrefs);
        assertTrue(text(page, "//tr[@id='item-hs-ok']/td[2]").contains("features/handshake.feature:5"));
        Path pageDir = root.resolve("reports");
        assertTrue(Files.isRegularFile(pageDir.resolve(hrefs.get(3))), "the capture link resolves from the page");
    }

    @Test
    void everyInPageLinkHasItsTargetAndIdsAreUnique() throws Exception {
        Document page = write();
        Set<String> ids = new HashSet<>();
        for (String id : attrs(page, "//@id")) {
            assertTrue(ids.add(id), "duplicate id " + id);
        }
        for (String href : attrs(page, "//a/@href")) {
            if (href.startsWith("#")) {
                assertTrue(ids.contains(href.substring(1)), "dangling link " + href);
            }
        }
    }

    @Test
    void everyTextIsEscapedAndThePageIsSelfContained() throws Exception {
        Document page = write();
        String html = Files.readString(root.resolve("reports/conformance.html"));

        assertEquals(0, count(page, "//script"), "the scenario name must not become a script");
        assertTrue(text(page, "//article[@id='scenario-sim-2']/h3").contains("<script>alert(1)</script>"));
        assertTrue(text(page, "//article[@id='scenario-sim-2']//pre").contains("expected <1> & got"));
        assertTrue(text(page, "//article[@id='scenario-sim-1']").contains("<bob>"), "peer names in the diagram");
        assertTrue(text(page, "//tr[@id='item-hs-ok']").contains("First packet <starts> a handshake & more"));
        for (String attr : List.of("//@href", "//@src")) {
            for (String value : attrs(page, attr)) {
                assertFalse(value.matches("(?i)(https?:|//|javascript:|data:).*"), "external or active link " + value);
            }
        }
        assertFalse(html.contains("<link"), "no external stylesheet");
        assertFalse(html.contains("@import") || html.contains("url(http"), "no external font or import");
    }

    @Test
    void eachScenarioHasItsStepsAndADiagramOrTheReasonForNone() throws Exception {
        Document page = write();

        assertEquals(3, count(page, "//article[@class='scenario']"));
        assertEquals(1, count(page, "//article[@id='scenario-sim-1']//*[local-name()='svg']"));
        String ok = text(page, "//article[@id='scenario-sim-1']");
        assertTrue(ok.contains("initiation s:00000001"), ok);
        assertTrue(ok.contains("data \u00d7 10"), "ten data messages, one arrow: " + ok);
        assertTrue(ok.contains("a handshake completes within 5 s"));
        String failed = text(page, "//article[@id='scenario-sim-2']");
        assertTrue(failed.contains("No diagram: capture captures/handshake/missing.sim.pcapng not found"), failed);
        assertTrue(text(page, "//article[@id='scenario-sim-3']").contains("no capture attached"));
        String problems = text(page, "//section[@id='problems']");
        assertTrue(problems.contains("@check.no-such-item"), problems);
        assertTrue(problems.contains("untagged"), problems);
    }

    @Test
    void withoutAnyJsonEveryRunCellIsNotRun() throws Exception {
        Files.delete(root.resolve("reports/cucumber-sim.json"));

        Document page = write();

        assertEquals("cell s-not-run", cellClass(page, "hs-ok", 0));
        assertEquals("cell s-na", cellClass(page, "hs-bad", 1));
        assertEquals(0, count(page, "//article"));
    }

    @Test
    void writtenDescribesTheCells() throws Exception {
        ConformanceReport.Written w = ConformanceReport.write(ConformanceReport.Inputs.under(root));

        assertEquals(3, w.scenarios());
        assertEquals(1, w.cells().get("passed"));
        assertEquals(1, w.cells().get("failed"));
        assertEquals(2, w.cells().get("n/a"));
        assertTrue(w.describe().endsWith("3 scenarios; passed 1, failed 1, no scenario 1, not run 2, n/a 2, unit test 1"),
                w.describe());
    }

    // ---- reading the page back ----

    private Document write() throws Exception {
        ConformanceReport.write(ConformanceReport.Inputs.under(root));
        byte[] html = Files.readAllBytes(root.resolve("reports/conformance.html"));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        // Parsing as XML proves the escaping: one stray '<' or '&' and this throws.
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(html));
    }

    private static final XPath XPATH = XPathFactory.newInstance().newXPath();

    private static String cellClass(Document page, String item, int backend) throws Exception {
        return XPATH.evaluate("//tr[@id='item-" + item + "']/td[" + (backend + 2) + "]/@class", page);
    }

    private static String cellText(Document page, String item, int backend) throws Exception {
        return text(page, "//tr[@id='item-" + item + "']/td[" + (backend + 2) + "]");
    }

    private static String text(Document page, String xpath) throws Exception {
        return XPATH.evaluate(xpath, page);
    }

    private static int count(Document page, String xpath) throws Exception {
        return ((NodeList) XPATH.evaluate(xpath, page, XPathConstants.NODESET)).getLength();
    }

    private static List<String> attrs(Document page, String xpath) throws Exception {
        NodeList nodes = (NodeList) XPATH.evaluate(xpath, page, XPathConstants.NODESET);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getNodeValue());
        }
        return out;
    }
}
