package dev.loomscope.app;

import dev.loomscope.app.canvas.CanvasTheme;
import dev.loomscope.app.canvas.TimelineCanvas;
import dev.loomscope.core.testing.SampleRecordings;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A recording of 50,000 short-lived virtual threads (the bench's MillionThreads workload, scaled
 * down): their group starts folded and its header draws what they did, as one row.
 */
class ManyThreadsUiTest {
    private static final FxRobot robot = new FxRobot();
    private static LoomscopeApp app;

    @BeforeAll
    static void start() throws Exception {
        app = TestApp.open(SampleRecordings.manyThreadsWithJdkProfile());
    }

    @AfterAll
    static void stop() throws Exception {
        TestApp.stop(app);
    }

    @Test
    void aGroupOfFiftyThousandThreadsIsOneRowThatShowsWhatTheyDid() throws Exception {
        var view = app.window().threadsView();
        assertFalse(view.laneNames().contains("gen-0"), "the generators' group starts folded");
        assertTrue(view.laneNames().contains("sink-0"), "the 64 sinks' group is small enough to read lane by lane");

        Point2D header = WaitForAsyncUtils.asyncFx(() -> view.groupHeaderScreenPoint("gen-#")).get();
        assertNotNull(header, "the generators' header is a row");
        WaitForAsyncUtils.waitForFxEvents();
        Canvas canvas = robot.lookup("#threads-canvas").queryAs(Canvas.class);
        Point2D inScene = canvas.localToScene(canvas.screenToLocal(header));
        int x0 = (int) canvas.localToScene(TimelineCanvas.LANE_LEFT + 1, 0).getX();
        int x1 = (int) canvas.localToScene(canvas.getWidth() - 1, 0).getX();
        Screenshot shot = Screenshot.of(app, "many-threads.png");
        double drawn = shot.shareUnlike(CanvasTheme.LIGHT.groupFill(), (int) inScene.getY() + 5, x0, x1);
        assertTrue(drawn > 0.05, "the folded header draws its threads' states over the recording: " + drawn);
    }
    /** A finding about twenty thousand threads names a hundred in its explanation, and counts the rest. */
    @Test
    void aFindingAboutThousandsOfThreadsNamesAHundredAndCountsTheRest() throws Exception {
        @SuppressWarnings("unchecked")
        javafx.scene.control.TableView<dev.loomscope.core.detect.Finding> table =
                robot.lookup("#findings-table").queryAs(javafx.scene.control.TableView.class);
        Await.until("the findings are analysed", () -> !table.getItems().isEmpty());
        dev.loomscope.core.detect.Finding many = table.getItems().stream().filter(f -> f.threads().size() > 1_000)
                .findFirst().orElseThrow(() -> new AssertionError("a finding about thousands of threads: " + table.getItems()));
        robot.interact(() -> table.getSelectionModel().select(many));
        String text = robot.lookup("#finding-explanation").queryTextInputControl().getText();
        assertTrue(text.contains(String.format("and %,d more", many.threads().size() - 100)), text);
        assertTrue(text.length() < 10_000, "the explanation stays readable: " + text.length() + " characters");
    }
}
