package dev.loomscope.app;

import dev.loomscope.core.detect.Finding;
import dev.loomscope.core.testing.SampleRecordings;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Findings tab on the pipeline: the backpressure finding, its evidence, and thresholds. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FindingsUiTest {
    private static final FxRobot robot = new FxRobot();
    private static LoomscopeApp app;

    @BeforeAll
    static void start() throws Exception {
        app = TestApp.open(SampleRecordings.pipeline());
        Await.until("the pipeline's findings are listed", 60, () -> table().getItems().size() > 0);
    }

    @AfterAll
    static void stop() throws Exception {
        TestApp.stop(app);
    }

    @Test
    @Order(1)
    void selectingAFindingShowsItsEvidenceInTheThreadsView() throws Exception {
        robot.clickOn("#findings-tab");
        Await.until("the Findings tab shows", () -> table().isVisible());
        javafx.scene.control.TabPane tabs = robot.lookup(".tab-pane").queryAs(javafx.scene.control.TabPane.class);
        String title = tabs.getTabs().stream().filter(t -> "findings-tab".equals(t.getId())).findFirst().orElseThrow().getText();
        assertEquals("Findings (" + table().getItems().size() + ")", title, "the tab carries the count");
        Finding backpressure = table().getItems().stream().filter(f -> f.kind().equals("backpressure")).findFirst().orElseThrow();
        robot.interact(() -> table().getSelectionModel().select(backpressure));
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(app.window().threadsView().isVisible(), "the Threads tab is shown");
        var viewport = app.window().threadsView().viewport();
        assertTrue(viewport.from() <= backpressure.startNanos() && viewport.to() >= backpressure.endNanos(),
                "the finding's time is in view");
        assertTrue(robot.lookup("#finding-explanation").queryTextInputControl().getText().contains("pipeline-sink"));

        assertTrue(Screenshot.of(app, "evidence.png").share(javafx.scene.paint.Color.web("#d08770")) > 0.002,
                "the evidence lanes are framed and badged");

        robot.clickOn("#findings-tab");
        Await.until("the Findings tab shows again", () -> table().isVisible());
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("rawtypes")
        javafx.scene.control.TableCell what = robot.lookup(".table-cell").queryAllAs(javafx.scene.control.TableCell.class)
                .stream().filter(c -> backpressure.message().equals(c.getText())).findFirst().orElseThrow();
        assertEquals(backpressure.message(), what.getTooltip().getText(), "a What too long for its column reads whole");
    }

    @Test
    @Order(2)
    void changingAThresholdRecomputesTheFindings() {
        robot.clickOn("#findings-tab");
        robot.clickOn("#edit-thresholds");
        TextField share = robot.lookup(n -> "threshold-backpressure.minShare".equals(n.getId())).queryAs(TextField.class);
        robot.interact(() -> share.setText("101"));
        robot.type(KeyCode.ENTER);
        Label summary = robot.lookup("#findings-summary").queryAs(Label.class);
        Await.until("the findings analysed again with the new threshold, no sender blocked more than 101% of its time",
                () -> Double.valueOf(101.0).equals(app.window().findings().settings().get("backpressure.minShare"))
                        && !summary.getText().startsWith("Analysing")
                        && table().getItems().stream().noneMatch(f -> f.kind().equals("backpressure")),
                summary::getText);
        assertEquals(101.0, app.window().findings().settings().get("backpressure.minShare"));
        assertTrue(robot.lookup("#findings-summary").queryAs(Label.class).getText().startsWith("No findings")
                || !table().getItems().isEmpty());
    }

    @SuppressWarnings("unchecked")
    private static TableView<Finding> table() {
        return robot.lookup("#findings-table").queryAs(TableView.class);
    }
}
