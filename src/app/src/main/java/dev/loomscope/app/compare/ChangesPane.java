package dev.loomscope.app.compare;

import dev.loomscope.app.Columns;
import dev.loomscope.core.detect.Finding;
import dev.loomscope.core.diff.RecordingDiff;
import dev.loomscope.core.model.LaneGroup;
import dev.loomscope.core.model.ThreadState;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What changed, beside the two timelines: the findings new, gone and changed; the scheduler's
 * latency; and per thread group the states whose time changed most, more waiting in red, less in
 * green, groups that exist on one side only said so.
 */
final class ChangesPane extends VBox {
    /** A state's time in a group, before and after. */
    record Change(String group, ThreadState state, long before, long after, int threadsBefore, int threadsAfter) {
        long delta() {
            return after - before;
        }

        /** More time waiting is worse; more time running is not (it is what threads are for). */
        boolean worse() {
            boolean waiting = !state.mayRun();
            return waiting == delta() > 0;
        }
    }

    private static final long SHOWN_NANOS = 1_000_000;

    private final ListView<String> findings = new ListView<>();
    private final TableView<Change> table = new TableView<>();

    ChangesPane(RecordingDiff diff) {
        setId("compare-changes");
        setSpacing(6);
        setPadding(new Insets(8));
        findings.setId("compare-findings");
        findings.setItems(FXCollections.observableArrayList(findingLines(diff.findings())));
        findings.setPrefHeight(140);
        Label latency = new Label(latency(diff.latency()));
        latency.setId("compare-latency");
        latency.setWrapText(true);
        table.setId("compare-groups");
        table.setItems(FXCollections.observableArrayList(changes(diff)));
        table.getColumns().add(Columns.text("Thread group", 190, c -> c.group() + threads(c)));
        table.getColumns().add(Columns.text("State", 150, c -> c.state().label()));
        table.getColumns().add(Columns.text("Before, s", 80, c -> seconds(c.before())));
        table.getColumns().add(Columns.text("After, s", 80, c -> seconds(c.after())));
        TableColumn<Change, String> delta = Columns.text("Change, s", 90, c -> (c.delta() > 0 ? "+" : "") + seconds(c.delta()));
        delta.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                getStyleClass().removeAll("change-worse", "change-better");
                Change change = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(empty ? null : text);
                if (change != null) {
                    getStyleClass().add(change.worse() ? "change-worse" : "change-better");
                }
            }
        });
        table.getColumns().add(delta);
        table.setPlaceholder(new Label("No thread group's time changed by 1 ms or more"));
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(heading("Findings"), findings, heading("Scheduler latency"), latency,
                heading("Time per state, by thread group (biggest change first)"), table);
    }

    TableView<Change> table() {
        return table;
    }

    ListView<String> findings() {
        return findings;
    }

    private static Label heading(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("compare-heading");
        return label;
    }

    static List<String> findingLines(RecordingDiff.Findings f) {
        List<String> lines = new ArrayList<>();
        f.added().forEach(x -> lines.add("new [" + x.severity().label() + "] " + line(x)));
        f.changed().forEach(c -> lines.add("changed [" + c[0].severity().label() + " -> " + c[1].severity().label() + "] "
                + line(c[1])));
        f.gone().forEach(x -> lines.add("gone [" + x.severity().label() + "] " + line(x)));
        if (lines.isEmpty()) {
            lines.add("No finding is new, gone or changed");
        }
        return lines;
    }

    private static String line(Finding f) {
        return f.kind() + (f.site().isEmpty() ? "" : " at " + f.site()) + ": " + f.message();
    }

    private static String latency(RecordingDiff.Latency latency) {
        StringBuilder text = new StringBuilder("A virtual thread's wait for a carrier:");
        for (int i = 0; i < RecordingDiff.Latency.PERCENTILES.length; i++) {
            text.append(String.format("  p%d %.3f -> %.3f ms", (int) RecordingDiff.Latency.PERCENTILES[i],
                    latency.before()[i] / 1e6, latency.after()[i] / 1e6));
        }
        return text.toString();
    }

    /** The application's groups' changes of 1 ms or more, biggest first. */
    static List<Change> changes(RecordingDiff diff) {
        List<Change> changes = new ArrayList<>();
        for (RecordingDiff.Group g : diff.groups()) {
            if (g.kind() == LaneGroup.Kind.JVM) {
                continue;
            }
            for (Map.Entry<ThreadState, long[]> e : g.nanos().entrySet()) {
                long[] ba = e.getValue();
                if (Math.abs(ba[1] - ba[0]) >= SHOWN_NANOS) {
                    changes.add(new Change(g.kind().label() + ": " + g.name(), e.getKey(), ba[0], ba[1],
                            g.threadsBefore(), g.threadsAfter()));
                }
            }
        }
        changes.sort(Comparator.comparingLong((Change c) -> Math.abs(c.delta())).reversed());
        return changes;
    }

    private static String threads(Change c) {
        if (c.threadsBefore() == 0) {
            return " (only after)";
        }
        return c.threadsAfter() == 0 ? " (only before)" : "";
    }

    private static String seconds(long nanos) {
        return String.format("%.3f", nanos / 1e9);
    }
}
