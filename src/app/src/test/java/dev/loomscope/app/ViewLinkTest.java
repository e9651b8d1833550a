package dev.loomscope.app;

import dev.loomscope.core.export.ExportScope;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ViewLinkTest {

    @Test
    void aLinkComesBackExactlyWithAnAwkwardPathAndAThread() {
        ViewLink link = new ViewLink(Path.of("/tmp/my recordings/über & more.jfr"), 1_250_000_001L, 3_000_000_000L,
                "pool-1 thread=#2", 2_000_000_123L);

        String text = link.format();

        assertTrue(text.startsWith("loomscope://open?file=%2Ftmp%2Fmy%20recordings%2F"), text);
        assertEquals(link, ViewLink.parse(text));
        assertEquals(link, ViewLink.parse("  " + text + "\n"), "pasted with blanks around it");
    }

    @Test
    void aRangeIsWhatRenderRangeTakes() {
        ViewLink link = ViewLink.parse("loomscope://open?file=/x.jfr&range=0.5:1.25");

        assertArrayEquals(ExportScope.parseRange("0.5:1.25"), new long[] {link.from(), link.to()});
        assertNull(link.thread());
        assertEquals(link, ViewLink.parse(link.format()));
    }

    @Test
    void aMalformedLinkSaysWhatALinkLooksLike() {
        for (String bad : new String[] {"loomscope://open?file=/x.jfr", "loomscope://open?range=0:1",
                "loomscope://open?file=/x.jfr&range=2:1", "loomscope://show?file=/x.jfr&range=0:1",
                "loomscope://open?file=/x.jfr&range=0:1&thread=a&at=soon", "loomscope://open?file"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ViewLink.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("Not a Loomscope link (") && e.getMessage().contains("range=0.5:1.25"),
                    e.getMessage());
        }
    }
}
