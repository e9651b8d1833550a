package dev.loomscope.app;

import dev.loomscope.app.canvas.Arrows;
import dev.loomscope.app.threads.ThreadsView;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.testing.SampleRecordings;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who woke a thread, as the agent's full level records it: a transform of the pipeline waits for
 * a carrier after the slow sink took from its full queue; selecting that wait names the sink and
 * draws the arrow from the sink's lane.
 */
class WakerUiTest {
    private static final FxRobot robot = new FxRobot();
    private static LoomscopeApp app;

    @BeforeAll
    static void start() throws Exception {
        app = TestApp.open(SampleRecordings.pipelineWithAgent());
    }

    @AfterAll
    static void stop() throws Exception {
        TestApp.stop(app);
    }

    @Test
    void selectingAWaitForACarrierNamesWhoWokeTheThreadAndDrawsTheArrow() throws Exception {
        Timeline timeline = app.window().timeline();
        Lane transform = timeline.lane(view().laneId("pipeline-transform-0"));
        int woken = -1;
        for (int i = 0; i < transform.spanCount() && woken < 0; i++) {
            if (transform.spanState(i) == ThreadState.RUNNABLE && transform.spanLink(i) >= 0
                    && timeline.lane(transform.spanLink(i)).name().equals("pipeline-sink")) {
                woken = i;
            }
        }
        assertTrue(woken >= 0, "the sink woke transform 0 at least once");
        long start = transform.spanStart(woken);
        long end = transform.spanEnd(woken);
        long mid = start + (end - start) / 2;
        long around = Math.max(end - start, 200_000);
        robot.interact(() -> {
            view().viewport().set(start - around, end + around);
            view().reveal(transform.id(), mid);
            view().viewport().set(start - around, end + around);
        });
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(ThreadState.RUNNABLE, view().selectionProperty().get().state());
        String by = robot.lookup("#fact-made-runnable-by").queryAs(Label.class).getText();
        assertTrue(by.startsWith("pipeline-sink"), by);
        double withArrow = Screenshot.of(app, "waker.png").share(Arrows.LINK);
        robot.interact(() -> view().selectionProperty().set(null));
        WaitForAsyncUtils.waitForFxEvents();
        double without = Screenshot.of(app, "waker-unselected.png").share(Arrows.LINK);
        assertTrue(withArrow > without, "the arrow from the sink is drawn: " + withArrow + " vs " + without);
    }

    private static ThreadsView view() {
        return app.window().threadsView();
    }
}
