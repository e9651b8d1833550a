package dev.loomscope.app;

import dev.loomscope.app.canvas.CanvasTheme;
import dev.loomscope.app.canvas.TimeAxis;
import dev.loomscope.app.carriers.CarriersView;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.testing.SampleRecordings;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Carriers view on the starved sample recorded with the agent. */
class CarriersUiTest {
    private static final FxRobot robot = new FxRobot();
    private static LoomscopeApp app;

    @BeforeAll
    static void start() throws Exception {
        app = TestApp.open(SampleRecordings.starvedWithAgent());
    }

    @AfterAll
    static void stop() throws Exception {
        TestApp.stop(app);
    }

    @Test
    void carrierLanesChartsLatencyAndAJumpToTheMountedThread() throws Exception {
        robot.clickOn("Carriers");
        Await.until("the Carriers tab shows", () -> app.window().carriersView().isVisible());
        WaitForAsyncUtils.waitForFxEvents();
        String latency = app.window().carriersView().latencyText();
        assertTrue(latency.contains("p50") && latency.contains("p99") && latency.contains("max"), latency);

        Screenshot whole = Screenshot.of(app, "carriers.png");
        assertTrue(whole.distinctColours() > 50, "lanes, and charts");
        for (Lane hog : app.window().timeline().lanes().stream().filter(l -> l.name().startsWith("hog-")).toList()) {
            // Zoomed out the lanes are drawn from summaries: a pixel still takes the colour of the run covering most of it.
            assertTrue(whole.share(CarriersView.colorOf(hog.id())) > 0.002, hog.name() + " in its own colour, zoomed out");
        }
        String unit = app.window().carriersView().utilizationUnit();
        assertTrue(unit.startsWith("% of P = 2 | ") && unit.contains("P: jdk.virtualThreadScheduler.parallelism"),
                "the chart's unit and where its P comes from: " + unit);

        // The charts are tracks on the lanes' axis: each plot spans exactly the lanes' time area.
        Canvas lanes = robot.lookup("#carriers-canvas").queryAs(Canvas.class);
        double lanesLeft = lanes.localToScene(dev.loomscope.app.canvas.TimelineCanvas.LANE_LEFT, 0).getX();
        double lanesRight = lanes.localToScene(lanes.getWidth(), 0).getX();
        for (String chart : new String[] {"utilization-chart", "queue-chart"}) {
            double[] span = app.window().carriersView().plotSpan(chart);
            javafx.scene.Node viewer = robot.lookup("#" + chart).query();
            double left = viewer.localToScene(span[0], 0).getX();
            double right = viewer.localToScene(span[1], 0).getX();
            assertEquals(lanesLeft, left, 1.0, chart + " starts where the lanes' time starts");
            assertEquals(lanesRight, right, 1.0, chart + " ends where the lanes end");
            assertTrue(viewer.localToScene(0, 0).getY() < lanes.localToScene(0, 0).getY(), chart + " above the lanes");
        }

        // Click the middle of the first carrier's lane: a hog's long run, in the starved phase.
        Timeline timeline = app.window().timeline();
        Lane carrier = timeline.carrierLanes().getFirst();
        int longest = 0;
        for (int i = 1; i < carrier.spanCount(); i++) {
            if (carrier.spanEnd(i) - carrier.spanStart(i) > carrier.spanEnd(longest) - carrier.spanStart(longest)) {
                longest = i;
            }
        }
        long mid = (carrier.spanStart(longest) + carrier.spanEnd(longest)) / 2;
        String mounted = timeline.lane(carrier.spanLink(longest)).name();
        assertTrue(mounted.startsWith("hog-"), "the longest run on a carrier is a hog's: " + mounted);
        Canvas canvas = robot.lookup("#carriers-canvas").queryAs(Canvas.class);
        // The canvas's own mapping of time to pixels, so the point is on the run drawn, not beside it.
        var viewport = app.window().threadsView().viewport();
        TimeAxis axis = new TimeAxis(viewport.from(), viewport.to(), canvas.getWidth());
        double runLeft = axis.x(carrier.spanStart(longest));
        double runRight = axis.x(carrier.spanEnd(longest));
        assertTrue(runRight - runLeft >= 6, "the longest run is wide enough to hover: " + runLeft + ".." + runRight);
        double x = (runLeft + runRight) / 2;
        Point2D point = canvas.localToScreen(x, 11);
        Label hover = robot.lookup("#carriers-hover").queryAs(Label.class);
        robot.moveTo(point);
        Await.until("the hover names the mounted thread", () -> hover.getText().contains("carrying " + mounted), hover::getText);
        // Below the runs, a strip of the carrier thread's own states, named on hover.
        robot.moveTo(canvas.localToScreen(x, 23));
        Await.until("the strip under the runs tells the carrier thread's own state",
                () -> hover.getText().startsWith(carrier.displayName() + " itself: "), hover::getText);
        robot.moveTo(point);
        robot.clickOn(point);
        Label title = robot.lookup("#details-title").queryAs(Label.class);
        Await.until("a click on the run jumps to " + mounted + "'s lane", () -> mounted.equals(title.getText()),
                () -> "'" + title.getText() + "' in tab " + robot.lookup(".tab-pane").queryAs(javafx.scene.control.TabPane.class).getSelectionModel().getSelectedItem().getText()
                        + " with the view at " + app.window().threadsView().viewport().from() + ".." + app.window().threadsView().viewport().to()
                        + ", hover '" + hover.getText() + "'");

        // Zoomed in on the starved phase, where the hogs' 50 ms runs are tens of pixels wide: each
        // is drawn in its thread's own colour, the same on both carriers.
        robot.clickOn("Carriers");
        Await.until("the Carriers tab shows again", () -> app.window().carriersView().isVisible());
        robot.interact(() -> app.window().threadsView().viewport().set(mid - 200_000_000L, mid + 200_000_000L));
        WaitForAsyncUtils.waitForFxEvents();
        Screenshot zoomed = Screenshot.of(app, "carriers-zoomed.png");
        for (Lane hog : timeline.lanes().stream().filter(l -> l.name().startsWith("hog-")).toList()) {
            assertTrue(zoomed.share(CarriersView.colorOf(hog.id())) > 0.002, hog.name() + " in its own colour");
        }

        // The dark theme reaches the lanes and the charts: one palette, not white boxes on a dark window.
        robot.clickOn("View").clickOn("Dark theme");
        Await.until("the lanes are drawn dark", () -> Screenshot.of(lanes, "carriers-lanes-dark.png").share(CanvasTheme.DARK.background()) > 0.5);
        Screenshot.of(app, "carriers-dark.png");
        javafx.scene.Node chart = robot.lookup("#utilization-chart").query();
        Screenshot dark = Screenshot.of(chart, "carriers-chart-dark.png");
        assertTrue(dark.share(CanvasTheme.DARK.background()) > 0.3, "the chart's background is the lanes' dark one");
        assertTrue(dark.share(javafx.scene.paint.Color.WHITE) < 0.01, "no white box left: " + dark.share(javafx.scene.paint.Color.WHITE));
        robot.clickOn("View").clickOn("Dark theme");
        Await.until("the lanes are light again", () -> Screenshot.of(lanes, "carriers-lanes-light.png").share(CanvasTheme.LIGHT.background()) > 0.5);
    }
}
