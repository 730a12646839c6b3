package io.wgsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void markupCharactersBecomeEntities() {
        assertEquals("&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;",
                Html.escape("<script>alert(\"x\" & 'y')</script>"));
    }

    @Test
    void controlCharactersThatXmlForbidsAreReplacedAndLineBreaksKept() {
        assertEquals("\u2426[31mred\u2426[0m\nnext\tcol", Html.escape("\u001b[31mred\u001b[0m\nnext\tcol"));
    }

    @Test
    void nullIsEmpty() {
        assertEquals("", Html.escape(null));
    }

    @Test
    void hrefsKeepSlashesAndEncodeEverythingThatCouldChangeTheLink() {
        assertEquals("../captures/a%20b/x%23y%3Fz%22.sim.pcapng", Html.href("../captures/a b/x#y?z\".sim.pcapng"));
        assertEquals("caf%C3%A9.pcapng", Html.href("caf\u00e9.pcapng"));
    }
}
