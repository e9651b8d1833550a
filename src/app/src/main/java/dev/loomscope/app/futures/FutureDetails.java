package dev.loomscope.app.futures;

import dev.loomscope.app.canvas.TimeFormat;
import dev.loomscope.core.model.FutureChains;
import dev.loomscope.core.model.FutureGraph;
import dev.loomscope.core.model.StackFrame;
import dev.loomscope.core.model.Timeline;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.function.Consumer;

/**
 * Everything known about the selected future: outcome, creation site, who completed it, the
 * continuations that ran for it, the stages it depends on and that depend on it, and the threads
 * that waited for it. Double-clicking a related future selects it; a thread, shows it.
 */
final class FutureDetails extends VBox {
    /** A line of the related list: a future to select, or a thread at an instant to show. */
    record Related(String text, int future, int lane, long time) {
        @Override
        public String toString() {
            return text;
        }
    }

    private final Label title = new Label("No future selected");
    private final Label facts = new Label();
    private final ListView<Related> related = new ListView<>();

    FutureDetails(Consumer<Related> onOpen) {
        super(6);
        setId("future-details");
        setPadding(new Insets(8));
        setPrefWidth(340);
        title.getStyleClass().add("details-title");
        title.setWrapText(true);
        title.setId("future-title");
        facts.setWrapText(true);
        facts.setId("future-facts");
        related.setId("future-related");
        related.setPlaceholder(new Label("Click a future to see its stages and threads"));
        related.setOnMouseClicked(e -> {
            Related item = related.getSelectionModel().getSelectedItem();
            if (e.getClickCount() == 2 && item != null) {
                onOpen.accept(item);
            }
        });
        VBox.setVgrow(related, Priority.ALWAYS);
        getChildren().addAll(title, facts, new Label("Related (double-click to go)"), related);
    }

    /** Shows future {@code f} (-1 for none); call with the timeline's read lock held. */
    void show(Timeline timeline, FutureChains chains, int f) {
        related.getItems().clear();
        if (chains == null || f < 0) {
            title.setText("No future selected");
            facts.setText("");
            return;
        }
        FutureGraph graph = chains.graph();
        title.setText(ChainText.name(graph, f));
        facts.setText(outcome(timeline, chains, f) + "\n" + created(timeline, graph, f));
        for (int k = 0; k < chains.sourceCount(f); k++) {
            int edge = chains.sourceEdge(f, k);
            int source = graph.edgeFrom(edge);
            related.getItems().add(new Related("depends on " + ChainText.name(graph, source) + " (" + graph.edgeKind(edge)
                    + ", " + FuturePalette.label(chains.outcome(source)) + ")", source, -1, 0));
        }
        for (int k = 0; k < chains.dependentCount(f); k++) {
            int edge = chains.dependentEdge(f, k);
            int dependent = graph.edgeTo(edge);
            related.getItems().add(new Related("then " + ChainText.name(graph, dependent) + " (" + graph.edgeKind(edge)
                    + ", " + FuturePalette.label(chains.outcome(dependent)) + ")", dependent, -1, 0));
        }
        for (int k = 0; k < chains.runCount(f); k++) {
            int run = chains.run(f, k);
            related.getItems().add(new Related("ran on " + timeline.lane(graph.runLane(run)).displayName() + " for "
                    + TimeFormat.duration(graph.runEnd(run) - graph.runStart(run)) + " at "
                    + TimeFormat.instant(graph.runStart(run)), -1, graph.runLane(run), graph.runStart(run)));
        }
        for (int k = 0; k < chains.waitCount(f); k++) {
            int wait = chains.waitOn(f, k);
            related.getItems().add(new Related("waited for by " + timeline.lane(graph.waitLane(wait)).displayName()
                    + " from " + TimeFormat.instant(graph.waitTime(wait)), -1, graph.waitLane(wait), graph.waitTime(wait)));
        }
    }

    private static String outcome(Timeline timeline, FutureChains chains, int f) {
        FutureGraph graph = chains.graph();
        String by = graph.completer(f) >= 0 ? " by " + timeline.lane(graph.completer(f)).displayName() : "";
        return switch (chains.outcome(f)) {
            case COMPLETED -> "Completed at " + TimeFormat.instant(graph.completed(f)) + by + ".";
            case FAILED -> "Failed with " + graph.exception(f) + " at " + TimeFormat.instant(graph.completed(f)) + by + ".";
            case UNOBSERVED_FAILURE -> "Failed with " + graph.exception(f) + " at " + TimeFormat.instant(graph.completed(f))
                    + by + ", and nothing ever read the failure: no join, get, handler or dependent stage.";
            case CANCELLED -> "Cancelled at " + TimeFormat.instant(graph.completed(f)) + by + ".";
            case PENDING -> "Never completed: still pending when the recording ended"
                    + (chains.waitCount(f) > 0 ? ", with threads waiting for it." : ".");
        };
    }

    private static String created(Timeline timeline, FutureGraph graph, int f) {
        if (graph.created(f) == Long.MIN_VALUE) {
            return "Created before the agent saw it.";
        }
        StackFrame site = timeline.stacks().site(graph.createdStack(f));
        return "Created at " + TimeFormat.instant(graph.created(f)) + (site == null ? "" : " in " + site) + ".";
    }
}
