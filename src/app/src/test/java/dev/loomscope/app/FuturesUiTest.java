package dev.loomscope.app;

import dev.loomscope.core.model.FutureChains;
import dev.loomscope.core.model.FutureGraph;
import dev.loomscope.core.testing.SampleRecordings;
import javafx.geometry.Point2D;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Futures tab on the futures sample recorded with the agent: its chains, the failure nobody
 * observed, and the future nobody completed, reached from the thread waiting on it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FuturesUiTest {
    private static final FxRobot robot = new FxRobot();
    private static LoomscopeApp app;

    @BeforeAll
    static void start() throws Exception {
        app = TestApp.open(SampleRecordings.futuresWithAgent());
    }

    @AfterAll
    static void stop() throws Exception {
        TestApp.stop(app);
    }

    @Test
    @Order(1)
    void theUnobservedFailureIsRedAndSaysSo() throws Exception {
        robot.clickOn("#futures-tab");
        var view = app.window().futuresView();
        Await.until("the Futures tab shows", view::isVisible);
        WaitForAsyncUtils.waitForFxEvents();
        FutureChains chains = view.chains();
        assertNotNull(chains, "the recording has the agent's futures");
        FutureGraph graph = chains.graph();
        int audit = first(chains, FutureChains.Outcome.UNOBSERVED_FAILURE);
        // Zoom on the failed future: a third of the width.
        long from = graph.created(audit);
        long to = graph.completed(audit);
        robot.interact(() -> app.window().threadsView().viewport().set(from - (to - from), to + (to - from)));
        WaitForAsyncUtils.waitForFxEvents();

        Point2D point = onFx(() -> view.screenPoint(audit, (graph.created(audit) + graph.completed(audit)) / 2));
        assertNotNull(point);
        robot.clickOn(point);
        Await.until("a click selects the failed future", () -> view.selected() == audit, () -> "future " + view.selected());
        WaitForAsyncUtils.waitForFxEvents();
        String facts = robot.lookup("#future-facts").queryAs(Label.class).getText();
        assertTrue(facts.contains("java.lang.IllegalStateException") && facts.contains("nothing ever read the failure"), facts);
        assertTrue(facts.contains("dev.loomscope.samples.futures.Futures."), "where it was created: " + facts);
        Screenshot shot = Screenshot.of(app, "futures.png");
        assertTrue(shot.share(Color.web("#d62728")) > 0.0003, "the unobserved failure is solid red");
        robot.interact(() -> app.window().threadsView().viewport().set(0, app.window().timeline().durationNanos()));
        assertTrue(Screenshot.of(app, "futures-all.png").share(Color.web("#d8dbe2")) > 0.002, "the future never completed is drawn to the end");
    }

    @Test
    @Order(2)
    void problemsOnlyHidesTheHealthyChains() {
        var view = app.window().futuresView();
        int accept = IntStream.range(0, view.chains().graph().size())
                .filter(f -> view.chains().graph().kind(f).equals("thenAccept")).findFirst().orElseThrow();
        assertTrue(view.isListed(accept));
        robot.clickOn("#problems-only");
        Await.until("the order chain, completed normally, is hidden", () -> !view.isListed(accept));
        assertTrue(view.isListed(first(view.chains(), FutureChains.Outcome.PENDING)));
        robot.clickOn("#problems-only");
        Await.until("the box cleared again", () -> !robot.lookup("#problems-only").queryAs(CheckBox.class).isSelected());
    }

    @Test
    @Order(3)
    void theWaitingThreadLeadsToTheFutureNobodyCompleted() throws Exception {
        robot.clickOn("#threads-tab");
        Await.until("the Threads tab shows", () -> app.window().threadsView().isVisible());
        robot.interact(() -> app.window().threadsView().viewport().set(0, app.window().timeline().durationNanos()));
        Point2D waiter = onFx(() -> app.window().threadsView().screenPoint("futures-waiter",
                app.window().timeline().durationNanos() * 9 / 10));
        assertNotNull(waiter);
        robot.clickOn(waiter);
        Label state = robot.lookup("#fact-state").queryAs(Label.class);
        Await.until("a click on the waiter shows its wait", () -> "Blocked on future".equals(state.getText()), state::getText);
        WaitForAsyncUtils.waitForFxEvents();
        String waitingOn = robot.lookup("#fact-waiting-on").queryAs(Label.class).getText();
        assertTrue(waitingOn.startsWith("new #") && waitingOn.endsWith("never completed"), waitingOn);

        robot.clickOn("#show-future");
        var view = app.window().futuresView();
        Await.until("the Futures tab shows the future", view::isVisible);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(first(view.chains(), FutureChains.Outcome.PENDING), view.selected());
        assertTrue(robot.lookup("#future-facts").queryAs(Label.class).getText().startsWith("Never completed"));
    }

    @Test
    @Order(4)
    void selectingAnUnobservedFailureFindingSelectsItsFuture() throws Exception {
        robot.clickOn("#findings-tab");
        var table = app.window().findings().view().table();
        Await.until("an unobserved failure is listed", 30, () -> table.getItems().stream()
                .anyMatch(f -> f.kind().equals("unobserved-failure")));
        var finding = table.getItems().stream().filter(f -> f.kind().equals("unobserved-failure")).findFirst().orElseThrow();
        robot.interact(() -> table.getSelectionModel().select(finding));
        WaitForAsyncUtils.waitForFxEvents();

        var view = app.window().futuresView();
        long id = (Long) ((java.util.List<?>) finding.details().get("futureIds")).getFirst();
        assertEquals(view.chains().graph().indexOf(id), view.selected(), "the finding's future is selected");
        assertEquals(FutureChains.Outcome.UNOBSERVED_FAILURE, view.chains().outcome(view.selected()));
    }

    private static int first(FutureChains chains, FutureChains.Outcome outcome) {
        return IntStream.range(0, chains.graph().size()).filter(f -> chains.outcome(f) == outcome).findFirst().orElseThrow();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> query) throws Exception {
        return WaitForAsyncUtils.asyncFx(query).get(10, TimeUnit.SECONDS);
    }
}
