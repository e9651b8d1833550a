package dev.loomscope.app;

import dev.loomscope.app.canvas.StatePalette;
import dev.loomscope.core.jfr.LoadMonitor;
import dev.loomscope.core.jfr.RecordingLoader;
import dev.loomscope.core.model.ThreadState;
import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.testing.SampleRecordings;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A recording of several chunks is on screen from its first chunk on and grows as it is read into
 * the whole file; a load cancelled midway puts back what was on screen. The load is held at its
 * first chunk end until the test has looked, so nothing depends on how fast the machine reads.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenWhileReadingUiTest {
    private static final FxRobot robot = new FxRobot();
    private static LoomscopeApp app;

    @BeforeAll
    static void start() throws Exception {
        app = TestApp.start();
    }

    @AfterAll
    static void stop() throws Exception {
        TestApp.stop(app);
    }

    @Test
    @Order(1)
    void cancellingTheFirstLoadPutsBackTheWelcomePage() throws Exception {
        MainWindow window = app.window();
        HeldAtFirstChunk held = new HeldAtFirstChunk();
        openHeld(held);
        Await.until("the welcome page gave way", () -> robot.lookup("#welcome").tryQuery().map(n -> n.getScene() == null)
                .orElse(true));
        robot.clickOn("#cancel-load");
        Await.until("the welcome page is back", () -> window.timeline() == null
                && robot.lookup("#welcome").tryQuery().map(n -> n.getScene() != null).orElse(false));
        held.release.countDown();
        assertTrue(window.stage().getTitle().equals("Loomscope"), window.stage().getTitle());
        window.loadWith(RecordingLoader::load);
    }

    @Test
    @Order(2)
    void aFileIsShownFromItsFirstChunkOnAndGrowsIntoTheWholeFile() throws Exception {
        MainWindow window = app.window();
        HeldAtFirstChunk held = new HeldAtFirstChunk();
        Timeline growing = openHeld(held);
        WaitForAsyncUtils.waitForFxEvents();
        long partial = growing.durationNanos();
        assertTrue(window.stage().getTitle().endsWith("(loading)"), window.stage().getTitle());
        assertTrue(window.threadsView().laneNames().stream().anyMatch(n -> n.startsWith("pipeline-")),
                "the pipeline's threads have lanes: " + window.threadsView().laneNames());
        assertTrue(findingsSummary().startsWith("Findings come when"), findingsSummary());
        Screenshot shot = Screenshot.of(app, "open-while-reading.png");
        double drawn = 0;
        for (ThreadState state : ThreadState.values()) {
            drawn += state == ThreadState.UNKNOWN || state == ThreadState.ENDED ? 0 : shot.share(StatePalette.color(state));
        }
        assertTrue(drawn > 0.01, "the lanes draw what the first chunk holds: " + drawn);

        held.release.countDown();
        Await.until("the whole file is shown", () -> window.stage().getTitle().endsWith(".jfr"),
                () -> window.stage().getTitle());
        assertSame(growing, window.timeline(), "the timeline shown while loading is the one loaded");
        assertTrue(window.timeline().durationNanos() > partial, "it grew past the first chunk");
        Await.until("the findings are analysed", () -> !findingsSummary().startsWith("Findings come when")
                && !findingsSummary().startsWith("Analysing"), OpenWhileReadingUiTest::findingsSummary);
        assertTrue(window.linkToView().isPresent(), "a link to the loaded file's view can be made");
        window.loadWith(RecordingLoader::load);
    }

    @Test
    @Order(3)
    void cancellingALoadUnderWayPutsBackWhatWasOnScreen() throws Exception {
        MainWindow window = app.window();
        Path before = SampleRecordings.pipeline();
        robot.interact(() -> window.open(before));
        Await.until("the first file is shown", () -> window.stage().getTitle().endsWith(before.getFileName().toString()));
        Timeline shown = window.timeline();
        String title = window.stage().getTitle();

        HeldAtFirstChunk held = new HeldAtFirstChunk();
        openHeld(held);
        robot.clickOn("#cancel-load");
        Await.until("the first file is back", () -> window.timeline() == shown, () -> window.stage().getTitle());
        held.release.countDown();
        assertSame(shown, window.timeline());
        assertTrue(title.equals(window.stage().getTitle()), window.stage().getTitle());
        assertFalse(window.threadsView().laneNames().isEmpty(), "its lanes are drawn again");
        window.loadWith(RecordingLoader::load);
    }

    /** Opens the chunked recording with {@code held} and waits until its first chunk is on screen. */
    private static Timeline openHeld(HeldAtFirstChunk held) throws Exception {
        MainWindow window = app.window();
        window.loadWith(held);
        robot.interact(() -> window.open(SampleRecordings.pipelineWithBatchedRunsInSmallChunks()));
        Timeline growing = held.first.get(60, TimeUnit.SECONDS);
        Await.until("the first chunk is on screen", () -> window.timeline() == growing);
        return growing;
    }

    private static String findingsSummary() {
        return robot.lookup("#findings-summary").queryAs(Label.class).getText();
    }

    /** Loads as the app does, but holds the loading thread at the first chunk end until released. */
    private static final class HeldAtFirstChunk implements RecordingTask.Loader {
        final CompletableFuture<Timeline> first = new CompletableFuture<>();
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public Timeline load(Path file, LoadMonitor app) throws IOException {
            return RecordingLoader.load(file, new LoadMonitor() {
                @Override
                public void progress(double fraction, String message) {
                    app.progress(fraction, message);
                }

                @Override
                public boolean isCancelled() {
                    return app.isCancelled();
                }

                @Override
                public void readUpTo(Timeline growing, long end) {
                    app.readUpTo(growing, end);
                    if (first.complete(growing)) {
                        try {
                            release.await(60, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            });
        }
    }
}
