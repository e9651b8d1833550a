package dev.loomscope.app;

import dev.loomscope.app.threads.ThreadsView;
import dev.loomscope.core.model.Lane;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.testing.SampleRecordings;
import dev.loomscope.core.waits.WaitSites;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real app, started as {@code loomscope pipeline.jfr} would start it, driven like a user:
 * lanes, zoom, filter, a click on a blocked send, the stack it shows, and a screenshot.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreadsViewUiTest {
    private static final FxRobot robot = new FxRobot();
    private static LoomscopeApp app;

    @BeforeAll
    static void startTheAppOnARecording() throws Exception {
        app = TestApp.open(SampleRecordings.pipeline());
    }

    @AfterAll
    static void stop() throws Exception {
        TestApp.stop(app);
    }

    @Test
    @Order(1)
    void everyPipelineThreadHasALane() {
        List<String> lanes = view().laneNames();
        for (String name : List.of("pipeline-source-0", "pipeline-source-3", "pipeline-transform-1", "pipeline-sink")) {
            assertTrue(lanes.contains(name), name + " in " + lanes);
        }
        assertTrue(lanes.indexOf("pipeline-source-0") < lanes.indexOf("pipeline-sink"),
                "virtual threads come before platform threads");
        assertTrue(label("#status").getText().startsWith("Loaded pipeline.jfr"), label("#status").getText());
    }

    @Test
    @Order(2)
    void wKeysAndTheWheelZoomIn() {
        long whole = view().viewport().width();
        Point2D[] lane = new Point2D[1];
        robot.interact(() -> lane[0] = view().screenPoint("pipeline-source-0", whole / 2));
        robot.clickOn(lane[0]);
        robot.type(KeyCode.W, 3);
        Await.until("three steps of 0.8", () -> Math.abs(view().viewport().width() - whole * 0.512) < whole * 0.01,
                () -> "a width of " + view().viewport().width() + " of " + whole);
        long zoomed = view().viewport().width();

        robot.type(KeyCode.D);
        Await.until("D pans towards the end", () -> view().viewport().from() > 0);

        double[] delta = new double[1];
        robot.lookup("#threads-canvas").query().addEventFilter(javafx.scene.input.ScrollEvent.SCROLL,
                e -> delta[0] += e.getDeltaY());
        // Monocle's headless glass robot reports TestFX's DOWN as a positive deltaY, which is what a
        // wheel turned away from the user produces on a real screen: the zoom-in gesture.
        robot.moveTo("#threads-canvas").scroll(2, javafx.geometry.VerticalDirection.DOWN);
        Await.until("a wheel-up event arrives", () -> delta[0] > 0, () -> "a delta of " + delta[0]);
        Await.until("the wheel zooms in too", () -> view().viewport().width() < zoomed);
        robot.type(KeyCode.HOME);
        Await.until("Home shows the whole recording", () -> view().viewport().width() == whole);
    }

    @Test
    @Order(3)
    void theFilterKeepsMatchingNamesAndStackFrames() {
        typeFilter("transform");
        assertEquals(List.of("pipeline-transform-0", "pipeline-transform-1"), view().laneNames());

        typeFilter("Pipeline\\.sink");
        assertEquals(List.of("pipeline-sink"), view().laneNames(), "the sink's stacks have Pipeline.sink frames");

        typeFilter("");
        assertTrue(view().laneNames().size() >= 7);
    }

    @Test
    @Order(3)
    void clickingAGroupHeaderFoldsAndUnfoldsIt() {
        Point2D[] header = new Point2D[1];
        robot.interact(() -> header[0] = view().groupHeaderScreenPoint("pipeline-transform-#"));
        robot.clickOn(header[0]);
        Await.until("the group folds", () -> view().laneNames().stream().noneMatch(n -> n.startsWith("pipeline-transform-")));
        robot.interact(() -> header[0] = view().groupHeaderScreenPoint("pipeline-transform-#"));
        robot.clickOn(header[0]);
        Await.until("the group unfolds", () -> view().laneNames().contains("pipeline-transform-0"));
    }

    /** Replaces the filter's text by typing, as a user does. */
    private static void typeFilter(String text) {
        robot.clickOn("#filter").press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL).type(KeyCode.BACK_SPACE);
        if (!text.isEmpty()) {
            robot.write(text);
        }
        Await.until("the filter reads '" + text + "'", () -> text.equals(robot.lookup("#filter").queryTextInputControl().getText()),
                () -> robot.lookup("#filter").queryTextInputControl().getText());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    @Order(4)
    void clickingABlockedSendShowsItsStackTrace() {
        Timeline timeline = app.window().timeline();
        Lane source = timeline.lane(view().laneId("pipeline-source-0"));
        int longest = -1;
        for (int i = 0; i < source.spanCount(); i++) {
            if (source.spanState(i) == ThreadState.BLOCKED_SEND
                    && (longest < 0 || source.spanEnd(i) - source.spanStart(i) > source.spanEnd(longest) - source.spanStart(longest))) {
                longest = i;
            }
        }
        assertTrue(longest >= 0, "the recording has blocked sends");
        long start = source.spanStart(longest);
        long end = source.spanEnd(longest);
        long mid = (start + end) / 2;
        robot.interact(() -> view().viewport().set(start - (end - start), end + (end - start)));
        Point2D[] point = new Point2D[1];
        robot.interact(() -> point[0] = view().screenPoint("pipeline-source-0", mid));
        assertNotNull(point[0]);

        robot.moveTo(point[0]);
        Label hover = robot.lookup("#threads-hover").queryAs(Label.class);
        Await.until("the hover card shows the blocked send", () -> hover.isVisible() && hover.getText().contains("Blocked send"), hover::getText);

        robot.clickOn(point[0]);
        Await.until("a click selects the source's span", () -> "pipeline-source-0".equals(label("#details-title").getText()),
                () -> label("#details-title").getText());
        assertEquals("Blocked send", label("#fact-state").getText());
        ListView<?> stack = robot.lookup("#stack-trace").queryListView();
        assertTrue(stack.getItems().stream().anyMatch(f -> f.toString().startsWith("dev.loomscope.samples.pipeline.Pipeline.produce")),
                "stack: " + stack.getItems());

        robot.type(KeyCode.Z);
        long margin = (end - start) / 10;
        Await.until("Z zooms to the selected span", () -> view().viewport().from() == start - margin);
        assertEquals(end + margin, view().viewport().to());
    }

    @Test
    @Order(5)
    void aScreenshotShowsColouredLanes() throws Exception {
        robot.interact(() -> view().viewport().set(0, view().viewport().limit()));
        WaitForAsyncUtils.waitForFxEvents();
        Screenshot picture = Screenshot.of(app, "threads-view.png");
        assertTrue(Files.size(picture.file()) > 10_000, "a real picture, not an empty one");

        assertTrue(picture.distinctColours() > 20, "many colours: " + picture.distinctColours());
        double send = picture.share(dev.loomscope.app.canvas.StatePalette.color(ThreadState.BLOCKED_SEND));
        assertTrue(send > 0.01, "blocked sends are visible, share " + send);
    }

    @Test
    @Order(6)
    void aBadFileShowsABannerAndKeepsTheRecordingOnScreen() throws Exception {
        Path bad = Files.writeString(Files.createTempFile("not-a-recording", ".jfr"), "plain text");
        bad.toFile().deleteOnExit();
        Timeline before = app.window().timeline();
        robot.interact(() -> app.window().open(bad));
        Await.until("a banner says why the file did not open", 20, () -> label("#banner").isVisible());
        assertTrue(label("#banner").getText().contains("is not a JFR recording"), label("#banner").getText());
        assertEquals(before, app.window().timeline(), "the recording on screen stays");
        robot.clickOn("#banner");
        Await.until("a click hides the banner", () -> !label("#banner").isVisible());
    }

    @Test
    @Order(7)
    void withoutTheAgentChannelsAndFuturesListWaitsBySite() {
        robot.clickOn("#channels-tab");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(label("#channels-note").getText().contains("need the Loomscope agent"), label("#channels-note").getText());
        javafx.scene.control.TableView<WaitSites.Site> sites = robot.lookup("#channel-wait-sites").query();
        WaitSites.Site produce = sites.getItems().stream().filter(s -> s.site().contains("Pipeline.produce"))
                .findFirst().orElseThrow();
        assertEquals(ThreadState.BLOCKED_SEND, produce.state());
        assertEquals(4, produce.lanes().cardinality(), "the four sources");

        robot.clickOn("#futures-tab");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(label("#futures-note").getText().contains("need the Loomscope agent"), label("#futures-note").getText());
        assertTrue(robot.lookup("#future-wait-sites").queryAs(javafx.scene.control.TableView.class).isVisible());
        robot.clickOn("#threads-tab");
    }

    @Test
    @Order(8)
    void exportWritesTheRangeOnScreenForPerfetto(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path trace = dir.resolve("on-screen.json");
        robot.interact(() -> app.window().export(trace));
        Await.until("the status says the export is written", 30, () -> label("#status").getText().startsWith("Exported"));
        assertTrue(label("#status").getText().contains("Perfetto"), label("#status").getText());
        com.google.gson.JsonArray events = com.google.gson.JsonParser.parseString(Files.readString(trace))
                .getAsJsonObject().getAsJsonArray("traceEvents");
        assertTrue(events.asList().stream().anyMatch(e -> e.getAsJsonObject().get("ph").getAsString().equals("X")
                && e.getAsJsonObject().get("name").getAsString().equals("Blocked send")), "the sources' blocked sends");
    }

    @Test
    @Order(9)
    void altLeftAndAltRightGoBackAndForwardThroughTabsAndRanges() {
        robot.clickOn("Threads");
        robot.interact(() -> view().viewport().set(0, view().viewport().limit()));
        // Zooming is one step once it comes to rest (History.SETTLE_MILLIS): wait for that, not a fixed time.
        Await.until("the zoom at rest", () -> history()[1] == 0);
        int before = history()[0];
        long whole = view().viewport().width();
        robot.clickOn("Carriers");
        long width = whole / 4;
        robot.interact(() -> view().viewport().set(width, 2 * width));
        Await.until("two steps in the history", () -> history()[1] == 0 && history()[0] == before + 2);

        robot.press(KeyCode.ALT).type(KeyCode.LEFT).release(KeyCode.ALT);
        Await.until("back to the Carriers tab before the zoom, and its range: the whole recording",
                () -> "Carriers".equals(selectedTab()) && view().viewport().width() == whole, () -> selectedTab());
        robot.press(KeyCode.ALT).type(KeyCode.LEFT).release(KeyCode.ALT);
        Await.until("back to where it started", () -> "Threads".equals(selectedTab()), () -> selectedTab());
        robot.press(KeyCode.ALT).type(KeyCode.RIGHT).release(KeyCode.ALT);
        robot.press(KeyCode.ALT).type(KeyCode.RIGHT).release(KeyCode.ALT);
        Await.until("forward twice: the zoomed Carriers again",
                () -> "Carriers".equals(selectedTab()) && view().viewport().from() == width, () -> selectedTab());
        assertEquals(width, view().viewport().width());
        robot.clickOn("Threads");
        robot.interact(() -> view().viewport().set(0, view().viewport().limit()));
    }

    /** How many steps back there are, and whether a zoom or pan is still coming to rest (1). */
    private static int[] history() {
        int[] state = new int[2];
        robot.interact(() -> {
            state[0] = app.window().workspace().history().steps();
            state[1] = app.window().workspace().history().settling() ? 1 : 0;
        });
        return state;
    }

    private static String selectedTab() {
        return robot.lookup(".tab-pane").queryAs(javafx.scene.control.TabPane.class).getSelectionModel()
                .getSelectedItem().getText();
    }

    private static ThreadsView view() {
        return app.window().threadsView();
    }

    private static Label label(String query) {
        return robot.lookup(query).queryAs(Label.class);
    }
}
