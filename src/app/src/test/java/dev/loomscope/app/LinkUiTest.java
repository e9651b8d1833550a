package dev.loomscope.app;

import dev.loomscope.app.threads.SpanPick;
import dev.loomscope.app.threads.ThreadsView;
import dev.loomscope.core.testing.SampleRecordings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A link opens the recording at its range with its thread selected, started as
 * {@code loomscope 'loomscope://open?...'}; the link the app then gives for its view names the same.
 */
class LinkUiTest {
    private static LoomscopeApp app;

    @AfterAll
    static void stop() throws Exception {
        TestApp.stop(app);
    }

    @Test
    void theAppOpensALinkAtItsRangeWithItsThreadSelectedAndLinksBackToIt() throws Exception {
        Path recording = SampleRecordings.pipeline();
        ViewLink link = new ViewLink(recording, 200_000_000L, 600_000_000L, "pipeline-sink", 400_000_000L);

        app = TestApp.start(link.format());
        Await.until("the link's recording opens at its range with its selection", 60, () -> app.window().timeline() != null
                && view().viewport().from() == link.from() && view().selectionProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(link.to(), view().viewport().to());
        SpanPick selected = view().selectionProperty().get();
        assertEquals("pipeline-sink", app.window().timeline().lane(selected.lane()).displayName());
        ViewLink back = app.window().linkToView().orElse(null);
        assertNotNull(back, "a recording from a file has a link");
        assertEquals(recording.toAbsolutePath(), back.file());
        assertEquals(link.from(), back.from());
        assertEquals(link.to(), back.to());
        assertEquals("pipeline-sink", back.thread());
        assertEquals(back, ViewLink.parse(back.format()));
    }

    private static ThreadsView view() {
        return app.window().threadsView();
    }
}
