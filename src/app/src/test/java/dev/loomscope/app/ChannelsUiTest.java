package dev.loomscope.app;

import dev.loomscope.app.canvas.Arrows;
import dev.loomscope.app.canvas.StatePalette;
import dev.loomscope.core.model.Channel;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.testing.SampleRecordings;
import dev.loomscope.core.waits.ChannelUse;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Channels tab on the pipeline recorded with the agent: its two queues, a source's blocked put
 * and the transform whose take unblocked it, drawn as an arrow here and in the Threads view.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChannelsUiTest {
    private static final FxRobot robot = new FxRobot();
    private static LoomscopeApp app;

    @BeforeAll
    static void start() throws Exception {
        app = TestApp.open(SampleRecordings.pipelineWithAgent());
    }

    /**
     * An arrow is a line about one pixel wide between two lanes a few rows apart: some 90 pixels of
     * a 1280x800 window in the Threads view, 102 in one CI run. Half that proves it is drawn; the
     * colour is the arrows' alone.
     */
    private static final double ARROW = 50.0 / (1280 * 800);

    @AfterAll
    static void stop() throws Exception {
        TestApp.stop(app);
    }

    @Test
    @Order(1)
    void aBlockedPutShowsTheTakeThatUnblockedIt() throws Exception {
        robot.clickOn("#channels-tab");
        Await.until("the Channels tab shows", () -> app.window().channelsView().isVisible());
        WaitForAsyncUtils.waitForFxEvents();
        var table = app.window().channelsView().table();
        assertEquals(2, table.getItems().size());
        ChannelUse selected = table.getSelectionModel().getSelectedItem();
        assertEquals("ArrayBlockingQueue", selected.channel().simpleName(), "the most waited-on queue is selected first");

        Timeline timeline = app.window().timeline();
        Channel parsed = selected.channel();
        int put = longestBlockedPutOf(timeline, parsed, "pipeline-source-0");
        long length = parsed.opEnd(put) - parsed.opStart(put);
        robot.interact(() -> app.window().threadsView().viewport().set(parsed.opStart(put) - 2 * length, parsed.opEnd(put) + 2 * length));
        WaitForAsyncUtils.waitForFxEvents();
        Point2D point = WaitForAsyncUtils.asyncFx(() -> app.window().channelsView().screenPoint(parsed.opLane(put),
                (parsed.opStart(put) + parsed.opEnd(put)) / 2)).get(10, TimeUnit.SECONDS);
        assertNotNull(point);
        robot.clickOn(point);
        Await.until("a click shows the put's details", () -> app.window().channelsView().details().startsWith("pipeline-source-0 blocked"),
                () -> app.window().channelsView().details());
        String details = app.window().channelsView().details();
        assertTrue(details.contains("Unblocked by: pipeline-transform-"), details);
        Screenshot shot = Screenshot.of(app, "channels.png");
        assertTrue(shot.share(Arrows.LINK) > ARROW, "the unblocking arrow is drawn");
        assertTrue(shot.share(StatePalette.color(ThreadState.BLOCKED_SEND)) > 0.02, "blocked puts are drawn");

        // The occupancy chart is a track on the lanes' axis: its plot spans exactly their time area, above them.
        javafx.scene.canvas.Canvas lanes = robot.lookup("#channels-canvas").queryAs(javafx.scene.canvas.Canvas.class);
        javafx.scene.Node chart = robot.lookup("#occupancy-chart").query();
        double[] span = app.window().channelsView().occupancyPlotSpan();
        assertEquals(lanes.localToScene(dev.loomscope.app.canvas.TimelineCanvas.LANE_LEFT, 0).getX(),
                chart.localToScene(span[0], 0).getX(), 1.0, "the chart starts where the lanes' time starts");
        assertEquals(lanes.localToScene(lanes.getWidth(), 0).getX(), chart.localToScene(span[1], 0).getX(), 1.0,
                "the chart ends where the lanes end");
        assertTrue(chart.localToScene(0, 0).getY() < lanes.localToScene(0, 0).getY(), "the chart above the lanes");
    }

    @Test
    @Order(2)
    void theThreadsViewDrawsTheSameLinkAndLeadsBack() throws Exception {
        robot.clickOn("#show-op-in-threads");
        Label title = robot.lookup("#details-title").queryAs(Label.class);
        Await.until("the put shown in the Threads view", () -> "pipeline-source-0".equals(title.getText()), title::getText);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#fact-unblocked-by").queryAs(Label.class).getText().startsWith("pipeline-transform-"));
        assertTrue(Screenshot.of(app, "threads-unblocked.png").share(Arrows.LINK) > ARROW, "the arrow in the Threads view");

        robot.clickOn("#show-channel");
        Await.until("back in the Channels tab", () -> app.window().channelsView().isVisible());
        assertEquals("ArrayBlockingQueue", app.window().channelsView().table().getSelectionModel().getSelectedItem()
                .channel().simpleName());
    }

    private static int longestBlockedPutOf(Timeline timeline, Channel channel, String thread) {
        int best = -1;
        for (int i = 0; i < channel.opCount(); i++) {
            if (channel.blocked(i) && channel.op(i).isSend() && channel.unblockerOf(i) >= 0
                    && timeline.lane(channel.opLane(i)).name().equals(thread)
                    && (best < 0 || channel.opEnd(i) - channel.opStart(i) > channel.opEnd(best) - channel.opStart(best))) {
                best = i;
            }
        }
        assertTrue(best >= 0, "a blocked put of " + thread);
        return best;
    }
}
