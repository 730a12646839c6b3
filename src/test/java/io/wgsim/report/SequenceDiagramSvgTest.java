package io.wgsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SequenceDiagramSvgTest {
    private static final long MS = 1_000_000L;

    private static MessageSequence handshakeThenPause() {
        return new MessageSequence(List.of("198.18.0.1:51820", "[fd00::2]:51821"), Arrays.asList("<alice> & co", null),
                List.of(new Exchange(0, 1, MessageKind.INITIATION, "initiation s:00000001", 0, 20 * MS, 0, 1),
                        new Exchange(1, 0, MessageKind.RESPONSE, "response s:00000002 r:00000001", 20 * MS, 40 * MS, 20 * MS, 1),
                        new Exchange(0, 1, MessageKind.DATA, "data \u00d7 30 over 29.000 s (n=0\u201329)", 40 * MS, -1,
                                29_040 * MS, 30),
                        new Exchange(0, 1, MessageKind.KEEPALIVE, "keepalive n=30", 40_000 * MS, -1, 40_000 * MS, 1)),
                33, 0, 0);
    }

    @Test
    void theDrawingIsWellFormedAndEscaped() throws Exception {
        Document svg = parse(SequenceDiagramSvg.render(handshakeThenPause(), "d1"));

        List<String> texts = texts(svg);
        assertTrue(texts.contains("<alice> & co"), texts.toString());
        assertTrue(texts.contains("198.18.0.1:51820"));
        assertTrue(texts.contains("[fd00::2]:51821"));
        assertTrue(texts.contains("initiation s:00000001"));
        assertTrue(texts.contains("data \u00d7 30 over 29.000 s (n=0\u201329)"));
        assertTrue(texts.contains("+10.960 s"), "the pause before the keepalive: " + texts);
        assertTrue(texts.contains("0.000 s") && texts.contains("40.000 s"), texts.toString());
    }

    @Test
    void anArrowSlopesDownToItsArrivalAndEndsAtTheReceiver() throws Exception {
        Document svg = parse(SequenceDiagramSvg.render(handshakeThenPause(), "d1"));
        NodeList lines = svg.getElementsByTagName("line");
        List<Element> arrows = new ArrayList<>();
        for (int i = 0; i < lines.getLength(); i++) {
            Element l = (Element) lines.item(i);
            if (l.hasAttribute("marker-end")) {
                arrows.add(l);
            }
        }

        assertEquals(4, arrows.size());
        Element init = arrows.get(0);
        Element resp = arrows.get(1);
        assertEquals(num(resp, "y1"), num(init, "y2"), "the initiation arrives as the response leaves");
        assertTrue(num(init, "y2") > num(init, "y1"));
        assertTrue(num(init, "x2") > num(init, "x1"), "left to right");
        assertTrue(num(resp, "x2") < num(resp, "x1"), "right to left");
        assertEquals("url(#d1-initiation)", init.getAttribute("marker-end"));
        assertEquals("3", arrows.get(2).getAttribute("stroke-width"), "a collapsed run is drawn thick");
        assertTrue(arrows.get(3).hasAttribute("stroke-dasharray"), "keepalives are dashed");
    }

    @Test
    void everyIdCarriesThePrefix() throws Exception {
        Document svg = parse(SequenceDiagramSvg.render(handshakeThenPause(), "scenario-real-7"));
        NodeList markers = svg.getElementsByTagName("marker");

        assertEquals(MessageKind.values().length, markers.getLength());
        for (int i = 0; i < markers.getLength(); i++) {
            assertTrue(((Element) markers.item(i)).getAttribute("id").startsWith("scenario-real-7-"));
        }
    }

    @Test
    void aLongScenarioSaysWhatItLeftOut() throws Exception {
        MessageSequence seq = new MessageSequence(List.of("a:1", "b:2"), Arrays.asList(null, null),
                List.of(new Exchange(0, 1, MessageKind.INITIATION, "initiation s:00000001", 0, -1, 0, 1)), 1000, 3, 999);

        List<String> texts = texts(parse(SequenceDiagramSvg.render(seq, "x")));

        assertTrue(texts.contains("999 more messages not drawn; open the capture for all of them"), texts.toString());
    }

    private static double num(Element e, String attr) {
        return Double.parseDouble(e.getAttribute(attr));
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> texts(Document svg) {
        NodeList nodes = svg.getElementsByTagName("text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }
}
