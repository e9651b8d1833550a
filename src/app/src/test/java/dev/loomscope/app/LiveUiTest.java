package dev.loomscope.app;

import dev.loomscope.core.model.Timeline;
import dev.loomscope.core.testing.ChildJvm;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The app lists a child JVM, attaches to it, and its lanes appear and grow. */
class LiveUiTest {
    private static final FxRobot robot = new FxRobot();
    private static LoomscopeApp app;
    private static ChildJvm child;

    @BeforeAll
    static void start() throws Exception {
        child = ChildJvm.start("dev.loomscope.samples.pipeline.Pipeline", "--forever");
        app = TestApp.start();
    }

    @AfterAll
    static void stop() throws Exception {
        TestApp.stop(app);
        child.close();
    }

    @Test
    void attachFromTheListThenWatchTheLanesGrow() throws Exception {
        robot.clickOn("#attach-button");
        Await.until("the child JVM is listed with its JDK", 30, () -> jvmTable().getItems().stream()
                .anyMatch(j -> j.pid() == child.pid() && !j.javaVersion().isEmpty()));
        int row = -1;
        for (int i = 0; i < jvmTable().getItems().size(); i++) {
            if (jvmTable().getItems().get(i).pid() == child.pid()) {
                row = i;
            }
        }
        int chosen = row;
        assertTrue(jvmTable().getItems().get(chosen).displayName().contains("Pipeline"));
        assertTrue(robot.lookup("#attach-selected").queryButton().isDisabled());
        assertTrue(statusText().contains("select one, then Attach"), "says why Attach waits: " + statusText());
        for (String id : new String[] {"#attach-selected", "#refresh-jvms", "#inject-agent"}) {
            Labeled control = robot.lookup(id).queryAs(Labeled.class);
            String shown = ((Text) control.lookup(".text")).getText();
            assertEquals(control.getText(), shown, id + " is drawn whole at the dialog's opening size");
            javafx.geometry.Bounds inScene = control.localToScene(control.getBoundsInLocal());
            assertTrue(inScene.getMaxX() <= control.getScene().getWidth(), id + " lies inside the dialog: " + inScene);
        }
        robot.interact(() -> jvmTable().getSelectionModel().select(chosen));
        assertTrue(statusText().startsWith("Attach to pid " + child.pid()), statusText());
        robot.clickOn("#attach-selected");

        Await.until("the live session shows the pipeline's source lane", 40,
                () -> app.window().threadsView().laneNames().contains("pipeline-source-0"));
        Timeline timeline = app.window().timeline();
        long first = timeline.durationNanos();
        Await.until("the live timeline grows by 1.5 s", 20, () -> timeline.durationNanos() > first + 1_500_000_000L);
        assertTrue(app.window().stage().getTitle().contains("live"), app.window().stage().getTitle());
        assertTrue(robot.lookup("#live-state").queryAs(Label.class).getText().startsWith("live"));
        assertTrue(app.window().threadsView().viewport().to() >= first, "following the newest time");

        assertTrue(Screenshot.of(app, "live.png").share(
                dev.loomscope.app.canvas.StatePalette.color(dev.loomscope.core.model.ThreadState.BLOCKED_SEND)) > 0.005,
                "the live lanes show the blocked sends");

        // Detection runs by itself while live: the pipeline's full queues show up without "Analyse again".
        Await.until("the live findings are counted", 40, () -> findingsTabText().startsWith("Findings ("));

        robot.clickOn("#stop-session");
        Await.until("the session says stopped", 20,
                () -> robot.lookup("#live-state").queryAs(Label.class).getText().equals("stopped"));
        assertTrue(app.window().threadsView().laneNames().contains("pipeline-sink"), "the captured lanes stay");
        assertTrue(child.process().isAlive(), "stopping leaves the target running");
    }

    private static String findingsTabText() {
        javafx.scene.control.TabPane pane = robot.lookup(".tab-pane").queryAs(javafx.scene.control.TabPane.class);
        return pane.getTabs().stream().filter(t -> "findings-tab".equals(t.getId())).findFirst().orElseThrow().getText();
    }

    private static String statusText() {
        return robot.lookup("#jvm-list-status").queryAs(Label.class).getText();
    }

    @SuppressWarnings("unchecked")
    private static TableView<dev.loomscope.core.live.JvmInfo> jvmTable() {
        return robot.lookup("#jvm-table").queryAs(TableView.class);
    }
}
