package dev.loomscope.app;

import dev.loomscope.app.compare.CompareWindow;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.testing.SampleRecordings;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * File > Compare: bench's CarrierStarvation without hogs on screen, the same program with its six
 * hogs opened beside it. Ground truth: the hogs exist only in the second run and starve the sleepers.
 */
class CompareUiTest {
    private static final FxRobot robot = new FxRobot();
    private static LoomscopeApp app;

    @BeforeAll
    static void startTheAppOnTheCalmRun() throws Exception {
        app = TestApp.open(SampleRecordings.carrierCalmWithJdkProfile());
    }

    @AfterAll
    static void stop() throws Exception {
        TestApp.stop(app);
    }

    @Test
    void theStarvedRunOpensBesideTheCalmOneOnOneAxisWithWhatChanged() throws Exception {
        Path starved = SampleRecordings.carrierStarvationWithJdkProfile();
        robot.interact(() -> app.window().compareWith(starved));
        Await.until("the comparison window opens", 60, () -> app.window().lastComparison() != null);
        CompareWindow compare = app.window().lastComparison();
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(compare.beforeView().laneNames().contains("sleeper-0"), compare.beforeView().laneNames().toString());
        assertTrue(compare.afterView().laneNames().contains("hog-0"), "the hogs are in the second run");
        assertTrue(compare.beforeView().laneNames().stream().noneMatch(n -> n.startsWith("hog-")), "and only there");
        assertSame(compare.beforeView().viewport(), compare.afterView().viewport(), "one time axis");
        long width = compare.afterView().viewport().width();
        robot.interact(() -> compare.beforeView().viewport().zoom(0.5, 0));
        assertEquals(width / 2, compare.afterView().viewport().width(), width / 100.0, "zooming one zooms both");

        ListView<?> findings = robot.lookup("#compare-findings").queryAs(ListView.class);
        assertTrue(findings.getItems().stream().anyMatch(l -> l.toString().startsWith("new [high] starvation")
                || l.toString().startsWith("new [medium] starvation")), findings.getItems().toString());
        TableView<?> groups = robot.lookup("#compare-groups").queryAs(TableView.class);
        Object biggest = groups.getItems().getFirst();
        assertTrue(biggest.toString().contains("sleeper-#") || biggest.toString().contains("hog-#"),
                "the biggest change is the sleepers' wait or the hogs: " + biggest);
        assertTrue(groups.getItems().stream().anyMatch(c -> c.toString().contains("sleeper-#")
                && c.toString().contains(ThreadState.RUNNABLE.name())), "the sleepers waited for carriers: " + groups.getItems());

        robot.interact(() -> compare.beforeView().viewport().set(0, compare.beforeView().viewport().limit()));
        WaitForAsyncUtils.waitForFxEvents();
        Screenshot picture = Screenshot.of(compare.stage().getScene(), "compare.png");
        assertTrue(Files.size(picture.file()) > 10_000, "a real picture of both timelines");
        // Inferred spans are drawn translucent: what the eye sees is that colour over the lane's white.
        javafx.scene.paint.Color pale = dev.loomscope.app.canvas.StatePalette.color(ThreadState.RUNNABLE, true);
        javafx.scene.paint.Color seen = javafx.scene.paint.Color.WHITE.interpolate(
                javafx.scene.paint.Color.color(pale.getRed(), pale.getGreen(), pale.getBlue()), pale.getOpacity());
        double runnable = picture.share(seen);
        assertTrue(runnable > 0.002, "the starved sleepers' waits for a carrier are drawn (pale: inferred from late sleeps), share " + runnable);
        robot.interact(() -> compare.stage().close());
    }
}
